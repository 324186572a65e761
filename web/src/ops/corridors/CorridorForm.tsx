import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAbort, type Corridor, type Me, type Org, type Place, type Places } from '../../api.ts';
import { CorridorMap } from '../../map/CorridorMap.tsx';
import { ConfirmStep } from '../../ui/ConfirmStep.tsx';
import { useErrorText } from '../../ui/form-errors.ts';
import { Loading } from '../../ui/LoadState.tsx';
import { requestErrorKey, type RequestErrorKey } from '../errors.ts';
import { onLinkClick, CORRIDORS_BASE, corridorPath } from '../route.ts';
import { useApi } from '../session.tsx';
import { CorridorAgreementFields } from './CorridorAgreementFields.tsx';
import { CorridorBasicsFields, CorridorEndpointsFields } from './CorridorBasicsFields.tsx';
import { CheckpointsFields, GatheringPointsFields } from './CorridorPointsFields.tsx';
import { CorridorRouteFields } from './CorridorRouteFields.tsx';
import { CorridorWindowsFields } from './CorridorWindowsFields.tsx';
import { MissingForProposal, useFieldLabel } from './ProblemList.tsx';
import { PublicTextFields, emptyPointTexts } from './PublicTextFields.tsx';
import { useCorridorForm } from './useCorridorForm.ts';

interface CorridorFormProps {
  me: Me;
  orgs: readonly Org[];
  /** null: a new draft; otherwise the corridor to amend. */
  corridorId: string | null;
}

/**
 * Drafts (POST /api/v1/corridors) and amends (PUT …/:id with `version`) a corridor, and proposes
 * it. The route is drawn by clicking on the map (or pasted as GeoJSON); gathering points and
 * checkpoints are placed on the map and then named; windows are typed as dates and times in a
 * chosen zone and sent with that zone's offset on that date.
 */
export function CorridorForm({ me, orgs, corridorId }: CorridorFormProps) {
  const api = useApi();
  const { t } = useTranslation();
  const [corridor, setCorridor] = useState<Corridor | null>(null);
  const [loadError, setLoadError] = useState<RequestErrorKey | null>(null);
  const [places, setPlaces] = useState<Place[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    api<Places>('/api/v1/places', { signal: controller.signal })
      .then((body) => setPlaces(Array.isArray(body?.items) ? body.items : []))
      .catch(() => {
        // Without the gazetteer, coordinates are typed by hand.
      });
    if (corridorId) {
      api<Corridor>(`/api/v1/corridors/${encodeURIComponent(corridorId)}`, { signal: controller.signal })
        .then(setCorridor)
        .catch((err: unknown) => {
          if (!isAbort(err)) setLoadError(requestErrorKey(err));
        });
    }
    return () => controller.abort();
  }, [api, corridorId]);

  if (loadError) {
    return (
      <p className="notice notice--error" role="alert">
        {t(loadError)}
      </p>
    );
  }
  if (corridorId && !corridor) return <Loading />;
  return <FormBody me={me} orgs={orgs} corridor={corridor} places={places} />;
}

interface FormBodyProps {
  me: Me;
  orgs: readonly Org[];
  corridor: Corridor | null;
  places: readonly Place[];
}

function FormBody({ me, orgs, corridor, places }: FormBodyProps) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const errorText = useErrorText();
  const form = useCorridorForm(me, orgs, corridor, places);
  const { state, update, saved, mode, setMode, missing, failure, notice, otherErrors, busy, confirmingPropose, setConfirmingPropose, partyOrgs } = form;
  const fields = { state, update, errorsFor: form.errorsFor, fieldId: form.fieldId };
  const voids = corridor && corridor.status !== 'draft' && corridor.status !== 'closed';

  return (
    <form className="corridor-form" data-testid="corridor-form" onSubmit={form.saveDraft} noValidate>
      <a className="back-link" href={saved ? corridorPath(saved.id) : CORRIDORS_BASE} onClick={onLinkClick}>
        <span aria-hidden="true">← </span>
        {saved ? t('corridors.form.backToCorridor') : t('corridors.back')}
      </a>
      <h1 className="corridors__title">{saved ? t('corridors.form.amendHeading', { version: saved.version }) : t('corridors.form.newHeading')}</h1>
      {voids && <p className="notice">{t('corridors.form.voidsApprovals', { version: corridor.version })}</p>}
      <p className="field__hint">{t('corridors.form.intro')}</p>

      {missing && <MissingForProposal errors={missing} />}
      {failure && (
        <p className="notice notice--error" role="alert" data-testid="form-error">
          {t(failure)}
        </p>
      )}
      {notice && (
        <p className="notice notice--ok" role="status" data-testid="form-saved">
          {t(notice, { version: saved?.version ?? 1 })}
        </p>
      )}

      <div className="corridor-form__layout">
        <div className="corridor-form__fields">
          <CorridorBasicsFields {...fields} />
          <CorridorEndpointsFields {...fields} places={places} pickPlace={form.pickPlace} />
          <CorridorRouteFields {...fields} setRoute={form.setRoute} mode={mode} setMode={setMode} />
          <GatheringPointsFields {...fields} mode={mode} setMode={setMode} />
          <CheckpointsFields {...fields} mode={mode} setMode={setMode} partyOrgs={partyOrgs} />
          <CorridorWindowsFields {...fields} zoneChoices={form.zoneChoices} previewZones={form.previewZones} />
          <CorridorAgreementFields {...fields} partyOrgs={partyOrgs} />
          <PublicTextFields
            idPrefix={form.id}
            main={state.publicText}
            staff={{ eligibility: state.eligibility, conditions: state.conditions, gatheringPoints: state.gatheringPoints }}
            onMain={(lang, change) => update((s) => ({ publicText: { ...s.publicText, [lang]: { ...s.publicText[lang], ...change } } }))}
            onPoint={(index, lang, change) =>
              update((s) => ({
                gatheringPoints: s.gatheringPoints.map((g, i) => {
                  if (i !== index) return g;
                  const texts = g.texts ?? emptyPointTexts();
                  return { ...g, texts: { ...texts, [lang]: { ...texts[lang], ...change } } };
                }),
              }))
            }
            errorsAt={form.errorsAt}
          />
          {otherErrors.length > 0 && (
            <ul className="notice notice--error problem-list" role="alert" data-testid="other-errors">
              {otherErrors.map((e, i) => (
                <li key={`${e.path}-${i}`} data-path={e.path}>
                  {fieldLabel(e.path)}: {errorText(e)}
                </li>
              ))}
            </ul>
          )}
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy} data-testid="save-draft">
              {t('corridors.form.saveDraft')}
            </button>
            <button type="button" className="button button--approve" disabled={busy} aria-expanded={confirmingPropose} onClick={() => setConfirmingPropose(true)} data-testid="propose">
              {t('corridors.actions.propose')}
            </button>
          </div>
          {confirmingPropose && (
            <ConfirmStep
              title={t('corridors.confirm.proposeTitle')}
              confirmLabel={t('corridors.confirm.proposeConfirm')}
              busy={busy}
              onConfirm={() => {
                setConfirmingPropose(false);
                void form.propose();
              }}
              onCancel={() => setConfirmingPropose(false)}
              testId="confirm-propose"
            >
              <p>{t('corridors.confirm.proposeFacts')}</p>
            </ConfirmStep>
          )}
        </div>

        <div className="corridor-form__map" ref={form.mapBoxRef}>
          <p className={`map-mode${mode === 'none' ? '' : ' map-mode--active'}`} role="status" data-testid="map-mode" data-mode={mode}>
            {t(`corridors.form.mode.${mode}`)}
          </p>
          <CorridorMap corridors={form.mapped} vertices={form.vertices} focusKey={form.focusKey} onMapClick={mode === 'none' ? null : form.onMapClick} className="corridor-form__mapbox" />
        </div>
      </div>
    </form>
  );
}
