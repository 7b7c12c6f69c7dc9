import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../../src-main/services/accounts/password.js';
import { bindCertificate } from '../../src-shared/identity/binding.js';
import { checkCurp, checkRfc, curpCheckDigit, rfcCheckDigit } from '../../src-shared/identity/mexican-ids.js';

describe('RFC', () => {
  it('accepts real RFCs of people and companies, normalising case and spaces', () => {
    expect(checkRfc(' gode561231gr8 ')).toEqual({ ok: true, value: 'GODE561231GR8' });
    expect(checkRfc('SAT970701NN3')).toEqual({ ok: true, value: 'SAT970701NN3' });
    expect(checkRfc('ÑAÑO800229AB' + rfcCheckDigit('ÑAÑO800229AB')).ok).toBe(true);
  });

  it('explains what is wrong: shape, a date that does not exist, the check digit, a generic RFC', () => {
    expect(checkRfc('GODE5612')).toMatchObject({ ok: false, message: expect.stringMatching(/13 caracteres/) });
    expect(checkRfc('GODE561331GR8')).toEqual({ ok: false, message: 'La fecha del RFC (561331) no existe.' });
    expect(checkRfc('GODE810229GR8')).toEqual({ ok: false, message: 'La fecha del RFC (810229) no existe.' });
    expect(checkRfc('GODE561231GR9')).toMatchObject({ ok: false, message: expect.stringMatching(/dígito verificador/) });
    expect(checkRfc('XAXX010101000')).toMatchObject({ ok: false, message: expect.stringMatching(/genérico/) });
  });
});

describe('CURP', () => {
  it('accepts a valid CURP and checks its date, state and check digit', () => {
    expect(checkCurp('hegg560427mvzrrl04')).toEqual({ ok: true, value: 'HEGG560427MVZRRL04' });
    expect(checkCurp('HEGG560427MVZRRL05')).toMatchObject({ ok: false, message: expect.stringMatching(/dígito verificador/) });
    const badState = 'HEGG560427MXXRRL0';
    expect(checkCurp(badState + curpCheckDigit(badState))).toEqual({ ok: false, message: 'La clave de entidad «XX» de la CURP no existe.' });
    const badDate = 'HEGG560431MVZRRL0';
    expect(checkCurp(badDate + curpCheckDigit(badDate))).toEqual({ ok: false, message: 'La fecha de nacimiento de la CURP (560431) no existe.' });
    expect(checkCurp('HEGG560427')).toMatchObject({ ok: false, message: expect.stringMatching(/18 caracteres/) });
  });
});

describe('binding a certificate to the person of a box', () => {
  const araceli = { name: 'MTRA. ARACELI GUTIÉRREZ CORTÉZ', rfc: 'GUCA750312AB3', curp: null };
  it('accepts the person’s own certificate by RFC, whatever the case', () => {
    expect(bindCertificate(araceli, { subjectName: 'ARACELI GUTIERREZ CORTEZ', rfc: 'guca750312ab3', curp: null })).toEqual({ ok: true, by: 'rfc' });
  });
  it('refuses another person’s certificate, naming both people', () => {
    const r = bindCertificate(araceli, { subjectName: 'CAROL BERENICE ARELLANO RANGEL', rfc: 'AERC800101AB1', curp: null });
    expect(r).toMatchObject({ ok: false, reason: 'other-person' });
    expect(!r.ok && r.message).toBe(
      'El certificado es de CAROL BERENICE ARELLANO RANGEL (RFC AERC800101AB1), no de MTRA. ARACELI GUTIÉRREZ CORTÉZ (RFC GUCA750312AB3). Cada quien firma solo en su propio recuadro.',
    );
  });
  it('refuses while the person has no RFC or CURP on record, and a certificate that names no one', () => {
    expect(bindCertificate({ name: 'MTRA. X', rfc: null }, { subjectName: 'X', rfc: 'GODE561231GR8', curp: null })).toMatchObject({ ok: false, reason: 'person-without-ids' });
    expect(bindCertificate(araceli, { subjectName: 'X', rfc: null, curp: null })).toMatchObject({ ok: false, reason: 'certificate-without-ids' });
  });
  it('falls back to the CURP only when the certificate has no RFC', () => {
    const person = { name: 'P', rfc: 'GODE561231GR8', curp: 'HEGG560427MVZRRL04' };
    expect(bindCertificate(person, { subjectName: 'P', rfc: null, curp: 'HEGG560427MVZRRL04' })).toEqual({ ok: true, by: 'curp' });
    expect(bindCertificate(person, { subjectName: 'P', rfc: 'SAT970701NN3', curp: 'HEGG560427MVZRRL04' })).toMatchObject({ ok: false });
  });
});

describe('account passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const cost = { N: 2 ** 10, r: 8, p: 1 };
    const a = await hashPassword('contraseña segura', cost);
    const b = await hashPassword('contraseña segura', cost);
    expect(a).not.toBe(b);
    expect(a).not.toContain('contraseña');
    expect(await verifyPassword('contraseña segura', a)).toBe(true);
    expect(await verifyPassword('contraseña segurA', a)).toBe(false);
  });
  it('never throws on a damaged or hostile verifier', async () => {
    const good = await hashPassword('x'.repeat(10) + 'y', { N: 2 ** 10, r: 8, p: 1 });
    for (const v of ['', 'scrypt', good.replace('$1024$', '$1073741824$'), good.replace('$1024$', '$1000$'), good.slice(0, -4), 'bcrypt$1$2$3$4$5']) {
      expect(await verifyPassword('x', v)).toBe(false);
    }
  });
  it('asks for at least 8 characters that are not all the same', () => {
    expect(passwordProblem('corta')).toBe('La contraseña debe tener al menos 8 caracteres.');
    expect(passwordProblem('aaaaaaaaaa')).toMatch(/repetido/);
    expect(passwordProblem('una frase larga')).toBeNull();
  });
});

describe('the examples the messages give', () => {
  it('are themselves valid, so a user who copies their shape is not misled', () => {
    const rfc = checkRfc('x');
    const curp = checkCurp('x');
    expect(checkRfc(/como (\S+)\./.exec(!rfc.ok ? rfc.message : '')![1]!).ok).toBe(true);
    expect(checkCurp(/como (\S+)\./.exec(!curp.ok ? curp.message : '')![1]!).ok).toBe(true);
  });
});
