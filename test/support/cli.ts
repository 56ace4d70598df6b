import { main, type CliIO } from '@picturelock/cli';

/** Runs `picturelock <args>` in-process against a capturing io: exit code and both streams. */
export async function runCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t), color: false, isTTY: false, exitCode: 0 };
  const code = await main(['node', 'picturelock', ...args], io);
  return { code, out, err };
}
