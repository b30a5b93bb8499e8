import { createServer } from "node:http";

/**
 * The transport alone, for `npm run bench`: a bare node:http server (no Express, no Apollo, no
 * work) that answers a POST whose body says "big" with one body and any other with another, both sent
 * by the bench over IPC: the
 * register's real answer to `{ __typename }` and a real `recipients` answer. The ratio of the
 * two is what sending the bigger answer costs by itself, whatever the server does to build it.
 */

let small = "";
let big = "";
process.on("message", (message: { small: string; big: string }) => {
  small = message.small;
  big = message.big;
  const server = createServer((req, res) => {
    let wantsBig = false;
    req.on("data", (chunk: Buffer) => (wantsBig ||= chunk.includes("big")));
    req.on("end", () => {
      const body = wantsBig ? big : small;
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
  });
});
process.on("disconnect", () => process.exit(0));
