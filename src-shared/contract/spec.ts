import { z } from 'zod';

/** One call of the contract: its arguments' schema and, as a type only, its result. */
export interface CallSpec<A extends z.ZodType, R> {
  args: A;
  /** Type-only marker for the result; never read at run time. */
  result?: R;
  /** Whether the call changes stored data: such calls are refused while the app is read-only. */
  mutates: boolean;
}

export function call<R>() {
  return <A extends z.ZodType>(args: A, mutates = false): CallSpec<A, R> => ({ args, mutates });
}

export const NoArgs = z.object({}).strict();
export const Base64File = z
  .string()
  .min(4, 'El archivo está vacío.')
  .max(10 * 1024 * 1024, 'El archivo es demasiado grande.')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'El archivo no se recibió completo (base64 inválido).');
export const CredentialFiles = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sat'), cer: Base64File, key: Base64File }).strict(),
  z.object({ kind: z.literal('p12'), p12: Base64File }).strict(),
]);
export const Year = z.number().int().min(1990).max(2100);
