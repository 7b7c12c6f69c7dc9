import { useLoad } from '../../app/client-context.js';
import { Status } from '../../app/Status.js';
import { CertificatesSection } from '../certificates/CertificatesSection.js';
import { SignatureList } from './SignatureList.js';
import { Unlock } from './Unlock.js';

/** Firmas: the vault is unlocked first; then the signatures and the certificates. */
export function SignaturesPage() {
  const [vault, retryVault] = useLoad((call) => call('vault.status', {}), []);
  return (
    <section>
      <h1>Firmas</h1>
      <Status data={vault} retry={retryVault}>
        {(status) =>
          status.unlocked ? (
            <>
              <SignatureList />
              <CertificatesSection />
            </>
          ) : (
            <Unlock onDone={retryVault} />
          )
        }
      </Status>
    </section>
  );
}
