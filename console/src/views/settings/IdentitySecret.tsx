import { useState } from 'preact/hooks';

/** The HMAC key sites use to sign `userHash`: hidden until asked for, and rotatable. */
export function IdentitySecret(props: {
  secret: string;
  enabled: boolean;
  busy: boolean;
  onRotate: () => void;
}) {
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);

  return (
    <section class="card" aria-labelledby="secret-title">
      <h3 id="secret-title">Identity verification secret</h3>
      <p class="muted">
        Your server signs each signed-in user's id with this key (HMAC-SHA256) and passes it as
        userHash.{' '}
        {props.enabled ? 'Verification is on for this site.' : 'Verification is off for this site.'}
      </p>
      <div class="snippet">
        <code>{shown ? props.secret : '•'.repeat(32)}</code>
        <button
          type="button"
          class="button button-secondary"
          aria-pressed={shown}
          onClick={() => setShown(!shown)}
        >
          {shown ? 'Hide secret' : 'Show secret'}
        </button>
      </div>
      {confirming ? (
        <div class="confirm" role="group" aria-label="Confirm rotation">
          <p>
            Pages still signing with the old secret will stop being verified until you update them.
          </p>
          <button
            type="button"
            class="button button-danger"
            disabled={props.busy}
            onClick={() => {
              setConfirming(false);
              setShown(true);
              props.onRotate();
            }}
          >
            Rotate now
          </button>
          <button type="button" class="button button-ghost" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" class="button button-secondary" onClick={() => setConfirming(true)}>
          Rotate secret
        </button>
      )}
    </section>
  );
}
