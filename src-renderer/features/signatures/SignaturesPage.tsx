import { Loaded } from '../../app/Status.js';
import { CertificatesSection } from '../certificates/CertificatesSection.js';
import { SignatureList } from './SignatureList.js';
import { Unlock } from './Unlock.js';

/** Firmas: the vault is unlocked first; then the signatures and the certificates. */
export function SignaturesPage() {
  return (
    <section>
      <h1>Firmas</h1>
      <Loaded load={(call) => call('vault.status', {})}>
        {(status, reload) =>
          status.unlocked ? (
            <>
              <SignatureList />
              <CertificatesSection />
            </>
          ) : (
            <Unlock onDone={reload} />
          )
        }
      </Loaded>
    </section>
  );
}
