/**
 * The nodes waiting to be split. Depth-wise growth uses a stack: depth first
 * keeps few histograms alive, and which nodes split does not depend on the
 * order. Leaf-wise growth (LightGBM's best-first) uses a max-heap on the
 * split gain, ties going to the older node so growth is deterministic.
 */
export class OpenNodes {
  private readonly items: number[] = []

  /** `gainOf` reads a node's pending split gain (consulted only when `byGain`). */
  constructor(
    private readonly byGain: boolean,
    private readonly gainOf: (node: number) => number,
  ) {}

  get size(): number {
    return this.items.length
  }

  push(node: number): void {
    const a = this.items
    a.push(node)
    if (!this.byGain) return
    let i = a.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(a[i], a[parent])) break
      ;[a[i], a[parent]] = [a[parent], a[i]]
      i = parent
    }
  }

  /** The next node to split: the last pushed (stack) or the largest gain (heap). */
  pop(): number {
    const a = this.items
    if (!this.byGain) return a.pop() as number
    const top = a[0]
    const last = a.pop() as number
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && this.before(a[l], a[m])) m = l
        if (r < a.length && this.before(a[r], a[m])) m = r
        if (m === i) break
        ;[a[i], a[m]] = [a[m], a[i]]
        i = m
      }
    }
    return top
  }

  private before(x: number, y: number): boolean {
    const gx = this.gainOf(x)
    const gy = this.gainOf(y)
    return gx > gy || (gx === gy && x < y)
  }
}
