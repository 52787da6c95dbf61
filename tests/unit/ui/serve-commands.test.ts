import { describe, expect, it } from 'vitest'
import { serveCommands } from '../../../src/ui/registry/serve-commands'

describe('serveCommands', () => {
  it('gives the npm command and the Docker command for the exported file, the file mounted read-only', () => {
    const [node, docker] = serveCommands('Parkinson-screening-v2.json')
    expect(node.command).toBe('npm run serve -- --model Parkinson-screening-v2.json')
    expect(docker.command).toContain('-v "$PWD/Parkinson-screening-v2.json:/models/Parkinson-screening-v2.json:ro"')
    expect(docker.command).toMatch(/--model \/models\/Parkinson-screening-v2\.json\b/)
  })
})
