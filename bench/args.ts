/** Minimal `--name value` / `--name=value` / `--flag` parsing for the bench scripts. */
export function parseArgs(argv: string[], known: Record<string, "number" | "string" | "boolean">): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`unexpected argument \`${arg}\``);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const type = known[name];
    if (!type) throw new Error(`unknown option --${name} (known: ${Object.keys(known).map((k) => `--${k}`).join(", ")})`);
    if (type === "boolean") {
      out[name] = inline === undefined ? true : inline !== "false";
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (type === "number") {
      const n = Number(value.replace(/_/g, ""));
      if (!Number.isFinite(n)) throw new Error(`--${name} must be a number (got \`${value}\`)`);
      out[name] = n;
    } else out[name] = value;
  }
  return out;
}
