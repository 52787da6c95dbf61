/** One way to serve an exported bundle: what it needs, and the command a person types. */
export interface ServeCommand {
  label: string
  command: string
}

/**
 * The two ways to serve an exported bundle: `npm run serve` from a checkout
 * of the studio, and the server's Docker image with the file mounted
 * read-only. `fileName` comes from safeFileName (letters, digits, dots,
 * dashes), so it needs no shell quoting.
 */
export function serveCommands(fileName: string): ServeCommand[] {
  return [
    { label: 'With Node, from a checkout of the studio', command: `npm run serve -- --model ${fileName}` },
    {
      label: 'With Docker, from the image built with deploy/Dockerfile',
      command: `docker run --rm -p 8080:8080 -v "$PWD/${fileName}:/models/${fileName}:ro" clinical-ml-studio-server --model /models/${fileName} --host 0.0.0.0`,
    },
  ]
}
