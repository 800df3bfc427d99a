/** Self-signed TLS certificate for the emulator's HTTPS server, generated in memory at start. */
import { generate } from "selfsigned";

/** PEM-encoded key and certificate; the certificate doubles as the CA clients trust. */
export interface EmulatorCertificate {
  key: string;
  cert: string;
}

/**
 * Generates a fresh self-signed certificate for `localhost`, `127.0.0.1` and `::1`
 * (RSA 2048, SHA-256, valid for one day). Nothing is written to disk.
 */
export async function generateCertificate(): Promise<EmulatorCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 24 * 3600_000);
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "rsa",
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      // A CA flag lets the same PEM be both the server certificate and the trust anchor
      // clients load through NODE_EXTRA_CA_CERTS or the `ca` option.
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
