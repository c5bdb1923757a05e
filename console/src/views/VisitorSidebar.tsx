import type { Visitor } from '@parley/shared';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Avatar } from '../components/Avatar';
import { ErrorNotice } from '../components/ErrorNotice';
import { VisitorHistoryList } from '../components/VisitorHistoryList';
import { safeHref } from '@parley/shared';
import { formatNamed, parseUserAgent } from '../format/user-agent';
import { visitorClock, visitorLocalTime } from '../format/visitor-clock';
import { visitorName } from '../format/visitor-name';
import type { Workspace } from '../models/workspace';

/** The right pane: who the visitor is, where they are now, and how earlier chats went. */
export function VisitorSidebar(props: {
  workspace: Workspace;
  /** Returns to the conversation where the details have the screen to themselves. */
  onBack?: () => void;
}) {
  const { conversation, history, clock, directory } = props.workspace;
  const detail = conversation.detail.value;
  const back = props.onBack && (
    <button type="button" class="button button-ghost visitor-back" onClick={props.onBack}>
      <span aria-hidden="true">←</span> Back to conversation
    </button>
  );
  if (!detail) {
    return (
      <aside class="pane visitor visitor-empty" aria-label="Visitor">
        {back}
        <p>Who the visitor is, where they are and their earlier chats show here.</p>
      </aside>
    );
  }
  const { visitor } = detail;
  const device = parseUserAgent(visitor.userAgent);
  const clockInfo = visitorClock(visitor.locale, clock.now.value);
  const localTime = visitorLocalTime(visitor, clock.now.value);
  const extraFields = Object.entries(visitor.fields).filter(
    ([key]) => key !== 'name' && key !== 'email',
  );
  // A pre-chat answer is shown under its question's label ("Order number"), not its key.
  const prechatFields = directory.sites.value.find((s) => s.id === visitor.siteId)?.widget
    .prechatFields;
  const labelOf = (key: string) => prechatFields?.find((f) => f.key === key)?.label ?? key;

  return (
    <aside class="pane visitor" aria-label="Visitor">
      {back}
      <div class="visitor-card">
        <Avatar name={visitorName(visitor)} size="large" />
        <h2 class="visitor-name">{visitor.name ?? 'Anonymous visitor'}</h2>
        {visitor.email && (
          <a class="visitor-email" href={`mailto:${visitor.email}`}>
            {visitor.email}
          </a>
        )}
        <Identity visitor={visitor} />
      </div>

      <section class="facts" aria-label="Details">
        <h3>Details</h3>
        <dl>
          <Fact label="Locale">
            {clockInfo ? (
              <>
                {clockInfo.label}
                {clockInfo.label !== clockInfo.locale && (
                  <span class="muted"> ({clockInfo.locale})</span>
                )}
              </>
            ) : (
              <span class="muted">Unknown</span>
            )}
          </Fact>
          {localTime && (
            <Fact label="Local time">
              {localTime.time} <span class="muted">({localTime.timeZone})</span>
            </Fact>
          )}
          <Fact label="Browser">
            {formatNamed(device.browser) ?? <span class="muted">Unknown</span>}
          </Fact>
          <Fact label="OS">{formatNamed(device.os) ?? <span class="muted">Unknown</span>}</Fact>
          {extraFields.map(([key, value]) => (
            <Fact key={key} label={labelOf(key)}>
              {value}
            </Fact>
          ))}
        </dl>
      </section>

      <section class="facts" aria-label="Current page">
        <h3>Current page</h3>
        {visitor.page ? (
          <dl>
            <Fact label="Page">
              <ExternalLink url={visitor.page.url} text={visitor.page.title || visitor.page.url} />
            </Fact>
            <Fact label="Referrer">
              {visitor.page.referrer ? (
                <ExternalLink url={visitor.page.referrer} text={visitor.page.referrer} />
              ) : (
                <span class="muted">Direct visit</span>
              )}
            </Fact>
          </dl>
        ) : (
          <p class="muted">Not known yet.</p>
        )}
      </section>

      <section class="facts" aria-label="Previous conversations">
        <h3>Previous conversations</h3>
        <ErrorNotice error={history.error.value} onRetry={() => void history.reload(visitor.id)} />
        <VisitorHistoryList
          items={history.items.value.filter(
            (row) => row.conversation.id !== detail.conversation.id,
          )}
          loading={history.loading.value}
          onOpen={props.workspace.openConversation}
        />
      </section>

      {props.workspace.directory.isOwner.value && (
        <VisitorData workspace={props.workspace} visitorId={visitor.id} />
      )}
    </aside>
  );
}

/** Owners: the visitor's data as a file, or erased for good (after a confirmation). */
function VisitorData(props: { workspace: Workspace; visitorId: string }) {
  const { visitorExport, visitorErasure } = props.workspace;
  const [confirming, setConfirming] = useState(false);
  const { visitorId } = props;
  return (
    <section class="facts" aria-label="Visitor data">
      <h3>Visitor data</h3>
      <ErrorNotice
        error={visitorExport.errorFor(visitorId) ?? visitorErasure.error.value}
        onDismiss={() => {
          visitorExport.dismiss();
          visitorErasure.dismiss();
        }}
      />
      <button
        type="button"
        class="button button-secondary"
        disabled={visitorExport.pending.value !== null}
        onClick={() => void visitorExport.start(visitorId)}
      >
        Export data
      </button>{' '}
      {confirming ? (
        <div class="confirm" role="group" aria-label="Confirm erasure">
          <p>
            This deletes the visitor's profile and every conversation of theirs, with all messages,
            notes and ratings. It cannot be undone.
          </p>
          <button
            type="button"
            class="button button-danger"
            disabled={visitorErasure.pending.value !== null}
            onClick={() => {
              setConfirming(false);
              void visitorErasure.erase(visitorId);
            }}
          >
            Erase for good
          </button>
          <button type="button" class="button button-ghost" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" class="button button-danger" onClick={() => setConfirming(true)}>
          Erase visitor
        </button>
      )}
    </section>
  );
}

function Identity(props: { visitor: Visitor }) {
  if (props.visitor.verified) {
    return <span class="badge badge-success">✓ Verified identity</span>;
  }
  return (
    <span class="badge badge-muted">
      {props.visitor.userId ? 'Identity not verified' : 'Not identified'}
    </span>
  );
}

function Fact(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** Visitor-supplied URLs: a link only for http(s), plain text otherwise. */
function ExternalLink(props: { url: string; text: string }) {
  const href = safeHref(props.url);
  if (!href) return <span class="break">{props.text}</span>;
  return (
    <a class="break" href={href} target="_blank" rel="noopener noreferrer" title={props.url}>
      {props.text}
    </a>
  );
}
