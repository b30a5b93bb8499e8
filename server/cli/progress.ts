/**
 * Prints import progress to stderr: one line per table, updated in place on a terminal and
 * every tenth of the way otherwise (so CI logs stay short).
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let lastTable = "";
  let lastTenth = -1;
  const started = Date.now();
  return (table: string, done: number, total: number) => {
    const tenth = Math.floor((done / total) * 10);
    if (table === lastTable && !stream.isTTY && tenth === lastTenth && done < total) return;
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    const line = `  ${table}: ${done.toLocaleString("en-GB")} / ${total.toLocaleString("en-GB")} rows (${Math.round(rate).toLocaleString("en-GB")} rows/s overall)`;
    if (stream.isTTY) stream.write(`\r${line}\x1b[K${done === total ? "\n" : ""}`);
    else stream.write(`${line}\n`);
    lastTable = table;
    lastTenth = tenth;
  };
}
