import { AppError } from '../../../src-shared/contract/errors.js';

/** The Spanish messages a user sees when a certificate or key cannot be used. */
export const MESSAGES = {
  wrongPassword: 'La contraseña de la clave privada es incorrecta.',
  keyMismatch:
    'La clave privada no corresponde al certificado: verifique que el archivo .key y el archivo .cer sean de la misma e.firma.',
  corruptCertificate:
    'El archivo .cer no es un certificado válido: se esperaba un certificado X.509 en formato DER, como el que entrega el SAT.',
  notEncryptedPkcs8:
    'El archivo .key no es una clave privada cifrada PKCS#8 como la que entrega el SAT (con contraseña).',
  unsupportedEncryption: 'El cifrado de la clave privada no es compatible; use la clave .key tal como la entregó el SAT.',
  unsupportedKeyType: 'El tipo de clave no es compatible: la firma electrónica avanzada requiere una clave RSA.',
  notPkcs12: 'El archivo no es un certificado PKCS#12 (.p12 o .pfx) válido.',
  pkcs12WithoutKey: 'El archivo PKCS#12 no contiene una clave privada.',
  pkcs12WithoutCertificate: 'El archivo PKCS#12 no contiene el certificado de la clave privada.',
  missingPassword: 'Escriba la contraseña de la clave privada.',
} as const;

export function certificateError(message: keyof typeof MESSAGES): AppError {
  return new AppError(message === 'wrongPassword' || message === 'missingPassword' ? 'UNAUTHORIZED' : 'INVALID_ARGUMENT', MESSAGES[message]);
}
