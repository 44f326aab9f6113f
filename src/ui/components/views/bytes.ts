// Base64 → bytes for ContentBlob payloads (the protocol carries configuration bytes as base64 so they
// survive JSON and postMessage). Imported by the diff and raw views; browser globals only.

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
