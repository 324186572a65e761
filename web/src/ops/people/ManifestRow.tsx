import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Manifest, type ManifestEntry } from '../../api.ts';
import { discardItem, type OutboxItem } from '../../outbox/outbox.ts';
import { formatClock } from '../../time/zones.ts';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { useApi, useEnqueue } from '../session.tsx';
import { personPath, onLinkClick } from '../route.ts';
import { BirthDate, PersonName } from './describe.tsx';
import { whoLabel } from '../who.ts';

type Step = 'board' | 'arrive' | 'not_boarded';
const PATH: Readonly<Record<Step, string>> = { board: 'board', arrive: 'arrive', not_boarded: 'not-boarded' };

type RowErrorKey =
  | RequestErrorKey
  | 'people.manifest.errors.already'
  | 'people.manifest.errors.notBoarded'
  | 'people.manifest.errors.markedNotBoarded'
  | 'people.manifest.errors.notThere'
  | 'people.manifest.errors.nothingToUndo';

function rowErrorKey(err: unknown): RowErrorKey {
  const code = err instanceof ApiError ? err.problem?.code : typeof err === 'string' ? err : undefined;
  switch (code) {
    case 'ALREADY_BOARDED':
    case 'ALREADY_ARRIVED':
    case 'ALREADY_NOT_BOARDED':
      return 'people.manifest.errors.already';
    case 'NOT_BOARDED':
      return 'people.manifest.errors.notBoarded';
    case 'MARKED_NOT_BOARDED':
      return 'people.manifest.errors.markedNotBoarded';
    case 'CONVOY_NOT_AT_DESTINATION':
      return 'people.manifest.errors.notThere';
    case 'NOTHING_TO_UNDO':
    case 'UNDO_ARRIVAL_FIRST':
    case 'PASSENGER_CHANGED':
      return 'people.manifest.errors.nothingToUndo';
    default:
      return err instanceof Error ? requestErrorKey(err) : 'ops.errors.conflict';
  }
}

interface ManifestRowProps {
  entry: ManifestEntry;
  movementId: string;
  zone: string;
  locale: string;
  orgName: (orgId: string) => string;
  mayBoard: boolean;
  mayArrive: boolean;
  /** This person's taps still on the device, waiting for the network. */
  pending: readonly OutboxItem[];
  onManifest: (manifest: Manifest) => void;
  onReload: () => void;
}

/**
 * One person at the bus door: boarded, arrived or "did not board", one large button each; the
 * latest of them can be undone with a reason. A tap without signal waits on the device with its
 * time and shows as waiting until the server has it.
 */
export function ManifestRow({ entry: p, movementId, zone, locale, orgName, mayBoard, mayArrive, pending, onManifest, onReload }: ManifestRowProps) {
  const api = useApi();
  const enqueue = useEnqueue();
  const { t } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RowErrorKey | null>(null);
  const [confirming, setConfirming] = useState<'undo' | 'not_boarded' | null>(null);
  const [reason, setReason] = useState('');
  const name = `${p.givenName} ${p.familyName}`;
  const clock = (iso: string) => formatClock(new Date(iso), zone, locale);
  const waiting = pending.find((i) => i.state === 'waiting');
  const state = waiting?.kind === 'board' ? 'boarded' : waiting?.kind === 'arrive' ? 'arrived' : waiting?.kind === 'not_boarded' ? 'did_not_board' : p.state;
  const base = `/api/v1/movements/${encodeURIComponent(movementId)}`;

  async function record(step: Step, why?: string) {
    setBusy(true);
    setError(null);
    const tappedAt = new Date().toISOString();
    try {
      const body = { personId: p.personId, at: tappedAt, ...(why ? { reason: why } : {}) };
      const sent = await enqueue({ kind: step, path: `${base}/${PATH[step]}`, body, tappedAt, movementId, personId: p.personId });
      if (sent.outcome === 'sent') onManifest(sent.body as Manifest);
      else if (sent.outcome === 'refused') {
        // Refused while the user is looking at the row: said here, so it need not wait in the outbox.
        await discardItem(sent.item);
        setError(rowErrorKey(sent.item.problem?.code ?? ''));
        onReload();
      }
      setConfirming(null);
      setReason('');
    } catch (err) {
      setError(rowErrorKey(err));
    } finally {
      setBusy(false);
    }
  }

  const undoable: Step | null = p.state === 'arrived' ? 'arrive' : p.state === 'boarded' ? 'board' : p.state === 'did_not_board' ? 'not_boarded' : null;
  const undoneAt = undoable === 'arrive' ? p.arrivedAt : undoable === 'board' ? p.boardedAt : p.didNotBoardAt;

  async function undo() {
    if (!undoable || !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onManifest(await api<Manifest>(`${base}/${PATH[undoable]}/undo`, { method: 'POST', body: { personId: p.personId, reason: reason.trim() } }));
      setConfirming(null);
      setReason('');
    } catch (err) {
      setError(rowErrorKey(err));
      if (err instanceof ApiError && err.status === 409) onReload();
    } finally {
      setBusy(false);
    }
  }

  const boarded = state === 'boarded' || state === 'arrived';
  const arrived = state === 'arrived';
  const cancel = () => {
    setConfirming(null);
    setReason('');
  };
  return (
    <li
      className={`manifest-row${arrived ? ' manifest-row--arrived' : boarded ? ' manifest-row--boarded' : state === 'did_not_board' ? ' manifest-row--not-boarded' : ''}`}
      data-testid="manifest-row"
      data-person-id={p.personId}
      data-state={state}
      data-boarded={boarded ? 'true' : 'false'}
      data-arrived={arrived ? 'true' : 'false'}
      data-pending={waiting ? waiting.kind : ''}
    >
      <div className="manifest-row__who">
        <a href={personPath(p.personId)} onClick={onLinkClick} className="manifest-row__name">
          <PersonName person={p} />
        </a>
        <span className="manifest-row__meta">
          {t('people.bornLabel')} <BirthDate value={p.birthDate} />
        </span>
        {p.vulnerabilities.length > 0 && (
          // In the server's order: an unaccompanied child first, always.
          <span className="manifest-row__flags" data-testid="row-flags">
            {p.vulnerabilities.map((v) => (
              <span key={v} className={`flag-chip flag-chip--${v}`} data-flag={v}>
                {t(`people.vulnerability.${v}`)}
              </span>
            ))}
          </span>
        )}
        {waiting && (
          <span className="manifest-row__pending" data-testid="row-pending">
            {t('people.manifest.pending', { time: clock(waiting.tappedAt) })}
          </span>
        )}
        {state === 'did_not_board' && !waiting && (
          <span className="manifest-row__meta" data-testid="not-boarded">
            {p.didNotBoardReason ? t('people.manifest.notBoardedBecause', { reason: p.didNotBoardReason }) : t('people.manifest.notBoardedState')}
          </span>
        )}
      </div>
      <div className="manifest-row__buttons">
        {state !== 'did_not_board' && (
          <button
            type="button"
            className={`button door-button${boarded ? ' door-button--done' : ''}`}
            disabled={busy || boarded || !mayBoard}
            onClick={() => void record('board')}
            aria-label={boarded ? undefined : t('people.manifest.boardPerson', { name })}
            data-testid="board"
          >
            {boarded && p.boardedAt && !waiting ? t('people.manifest.boardedAt', { time: clock(p.boardedAt) }) : boarded ? t('people.manifest.boardedWaiting') : t('people.manifest.board')}
          </button>
        )}
        {boarded ? (
          <button
            type="button"
            className={`button door-button door-button--arrive${arrived ? ' door-button--done' : ''}`}
            disabled={busy || arrived || !mayArrive || waiting !== undefined}
            onClick={() => void record('arrive')}
            aria-label={arrived ? undefined : t('people.manifest.arrivePerson', { name })}
            data-testid="arrive"
          >
            {arrived && p.arrivedAt && !waiting ? t('people.manifest.arrivedAt', { time: clock(p.arrivedAt) }) : t('people.manifest.arrive')}
          </button>
        ) : (
          state === 'listed' && (
            <button type="button" className="button button--secondary door-button--small" disabled={busy || !mayBoard} onClick={() => setConfirming('not_boarded')} data-testid="not-board">
              {t('people.manifest.notBoard')}
            </button>
          )
        )}
        {undoable && !waiting && (
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => setConfirming('undo')} data-testid="undo">
            {t('people.manifest.undo')}
          </button>
        )}
      </div>
      {confirming === 'undo' && undoable && (
        <ConfirmStep
          title={t(`people.manifest.undoTitle.${undoable}`, { name })}
          confirmLabel={t('people.manifest.undoConfirm')}
          danger
          busy={busy}
          ready={reason.trim().length > 0}
          onConfirm={() => void undo()}
          onCancel={cancel}
          testId="confirm-undo"
        >
          <p>{t('people.manifest.undoFacts', { time: undoneAt ? clock(undoneAt) : '—' })}</p>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('people.manifest.undoReason')}</label>
            <textarea id={`${id}-reason`} rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} data-testid="undo-reason" />
          </div>
        </ConfirmStep>
      )}
      {confirming === 'not_boarded' && (
        <ConfirmStep
          title={t('people.manifest.notBoardTitle', { name })}
          confirmLabel={t('people.manifest.notBoardConfirm')}
          busy={busy}
          onConfirm={() => void record('not_boarded', reason.trim() || undefined)}
          onCancel={cancel}
          testId="confirm-not-board"
        >
          <div className="field">
            <label htmlFor={`${id}-nb-reason`}>{t('people.manifest.notBoardReason')}</label>
            <textarea id={`${id}-nb-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="not-board-reason" />
          </div>
        </ConfirmStep>
      )}
      {p.corrections.length > 0 && (
        <ul className="manifest-row__corrections" data-testid="corrections">
          {p.corrections.map((c) => (
            <li key={`${c.at}-${c.undone}`}>
              {t(`people.manifest.corrected.${c.undone}`, { time: clock(c.at), reason: c.reason })}{' '}
              <span className="muted" data-testid="correction-who">
                {t('people.manifest.correctedBy', { user: whoLabel(t, c.who, orgName) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error manifest-row__error" role="alert">
          {t(error)}
        </p>
      )}
    </li>
  );
}
