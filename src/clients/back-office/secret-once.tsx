import { t } from '../../i18n/browser/page-i18n';

/** A secret the API shows this one time (an API key, a webhook's signing secret), until the admin dismisses it. */
export function SecretOnce({
  label,
  secret,
  hint,
  onDone,
}: {
  label: string;
  secret: string;
  hint: string;
  onDone: () => void;
}) {
  return (
    <div class="secret-once" role="status">
      <p>
        <strong>{label}</strong>
      </p>
      <output class="secret" aria-label={label}>
        {secret}
      </output>
      <p class="muted">{hint}</p>
      <button type="button" onClick={onDone}>
        {t('backOffice.integrations.secretNoted')}
      </button>
    </div>
  );
}
