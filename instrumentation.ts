/**
 * Runs once when the console server starts: a configuration that cannot be used stops the server
 * with a message naming the file, the line and the field.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./server/startup');
  await startServer();
}
