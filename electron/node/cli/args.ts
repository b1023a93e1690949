/** Minimal `--name value` / `--flag` parser for the diagnose commands; repeated options collect. */
export interface ParsedArgs {
  options: Map<string, string[]>;
  flags: Set<string>;
  positional: string[];
  /** The last value of an option, or undefined. */
  get(name: string): string | undefined;
  /** Every value of a repeated option. */
  all(name: string): string[];
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (value === undefined && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    if (value === undefined) flags.add(name);
    else options.set(name, [...(options.get(name) ?? []), value]);
  }
  return {
    options,
    flags,
    positional,
    get: (name) => options.get(name)?.at(-1),
    all: (name) => options.get(name) ?? [],
  };
}
