// Pure: a web stream's bytes, read only up to `limit` (a declared length is not trusted: the
// bytes are counted). Used for request bodies the API reads and for answers the CLI reads.
/** The whole body, or null once it grows past `limit` (the stream is then cancelled). */
export async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer | null> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
