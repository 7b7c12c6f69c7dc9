// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../../src-shared/contract/index.js';
import { Verification } from '../../../src-renderer/features/documents/Verification.js';
import panelReports from '../../fixtures/attacks/panel-reports.json?raw';

// The panel's data for corpus files, as verification gives it (attack-corpus.test.ts keeps it current).
const reports = JSON.parse(panelReports) as Record<'untrusted' | 'shadow' | 'valid' | 'noRoots', VerificationReport>;

afterEach(cleanup);

describe('verification panel', () => {
  it('shows an untrusted issuer in amber, never under "Todas las firmas son válidas"', () => {
    render(<Verification report={reports.untrusted} />);
    expect(screen.queryByText('Todas las firmas son válidas')).toBeNull();
    expect(screen.getByRole('heading').textContent).toBe('Las firmas están íntegras, pero hay emisores no confiables');
    const amber = screen.getByText('Íntegra, pero de un emisor no confiable');
    expect(amber.className).toBe('text-warn');
    expect(screen.getByText('Válida').className).toBe('text-ok');
  });

  it('without trusted roots no signature is shown as valid', () => {
    render(<Verification report={reports.noRoots} />);
    expect(screen.queryByText('Todas las firmas son válidas')).toBeNull();
    expect(screen.getAllByText('Íntegra, pero de un emisor no confiable')).toHaveLength(3);
  });

  it('names what a shadow attack added, with its page', () => {
    render(<Verification report={reports.shadow} />);
    expect(screen.getByRole('heading').textContent).toBe('Hay firmas con problemas');
    expect(screen.getAllByText('Modificado después de firmar')).toHaveLength(2);
    expect(screen.getAllByText(/^Objeto \d+, página 1: anotaciones de la página: agrega un campo de firma sin firmar con apariencia visible/).length).toBeGreaterThan(0);
  });

  it('all valid and trusted: the green heading', () => {
    render(<Verification report={reports.valid} />);
    expect(screen.getByRole('heading').textContent).toBe('Todas las firmas son válidas');
    expect(screen.getAllByText('Válida')).toHaveLength(3);
  });
});
