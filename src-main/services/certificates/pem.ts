const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

/**
 * Users sometimes hold PEM copies of their files (converted with openssl); accept them by
 * taking the first block. Anything that does not look like PEM is returned as DER.
 */
export function unPem(data: Buffer): { der: Buffer; label: string | null } {
  // PEM is ASCII and short; a DER file starts with 0x30 and is never mistaken for it.
  if (data[0] === 0x30) return { der: data, label: null };
  const match = PEM.exec(data.toString('latin1'));
  if (!match) return { der: data, label: null };
  return { der: Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64'), label: match[1]! };
}
