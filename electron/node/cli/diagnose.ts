// `npm run diagnose -- <command> [options]`: the admin's command line, running the same code as the app.
// Each command lives in ./commands/<name>.ts and exports `summary`, `usage` and `run(args)`.
import { parseArgs } from './args.ts';

const commands = ['rpc', 'scm', 'servers', 'gc', 'flow'] as const;
type CommandName = (typeof commands)[number];

export interface DiagnoseCommand {
  summary: string;
  usage: string;
  /** Returns the process exit code: 0 success, 1 the check failed, 2 bad usage. */
  run(args: ReturnType<typeof parseArgs>): Promise<number>;
}

async function loadCommand(name: CommandName): Promise<DiagnoseCommand> {
  return (await import(`./commands/${name}.ts`)) as DiagnoseCommand;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help' || !(commands as readonly string[]).includes(name)) {
    const lines = ['Usage: npm run diagnose -- <command> [options]', ''];
    for (const command of commands) {
      try {
        lines.push(`  ${command.padEnd(8)} ${(await loadCommand(command)).summary}`);
      } catch {
        lines.push(`  ${command.padEnd(8)} (not available in this build)`);
      }
    }
    console.log(lines.join('\n'));
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  const command = await loadCommand(name as CommandName);
  const args = parseArgs(rest);
  if (args.flags.has('help')) {
    console.log(command.usage);
    return 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
