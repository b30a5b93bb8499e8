/**
 * Prints import progress to stderr: one line per stage (the import's first pass counts "files",
 * its writing "rows"; `writeRegister` reports each table), updated in place on a terminal and
 * every tenth of the way otherwise (so CI logs stay short).
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let lastTable = "";
  let lastTenth = -1;
  const started = new Map<string, number>();
  return (table: string, done: number, total: number) => {
    if (!started.has(table)) started.set(table, Date.now());
    const tenth = Math.floor((done / total) * 10);
    if (table === lastTable && !stream.isTTY && tenth === lastTenth && done < total) return;
    const rate = done / Math.max(0.001, (Date.now() - started.get(table)!) / 1000);
    const unit = table === "files" ? "files" : "rows";
    const line = `  ${table === "files" ? "reading files for their ids" : table}: ${done.toLocaleString("en-GB")} / ${total.toLocaleString("en-GB")} ${unit} (${Math.round(rate).toLocaleString("en-GB")} ${unit}/s)`;
    if (stream.isTTY) stream.write(`\r${line}\x1b[K${done === total ? "\n" : ""}`);
    else stream.write(`${line}\n`);
    lastTable = table;
    lastTenth = tenth;
  };
}
