import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ApiError } from '../shared/api';
import { LanguageSwitch } from '../shared/language';
import type { StaffSession } from '../shared/staff-session';

/** Username and password, then the code of the authenticator app when the account has a second factor. */
export function SignIn({
  session,
  refusal,
  onSignedIn,
}: {
  session: StaffSession;
  refusal: string;
  onSignedIn: () => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [problem, setProblem] = useState('');

  const submit = (event: Event) => {
    event.preventDefault();
    setProblem('');
    const attempt = askCode
      ? session.signInWithCode(code.trim())
      : session.signInWithPassword(username.trim(), password);
    attempt.then(
      (outcome) => {
        setPassword('');
        setCode('');
        if (outcome === 'code-needed') setAskCode(true);
        else {
          setAskCode(false);
          onSignedIn();
        }
      },
      (error: unknown) => setProblem(signInProblem(error, askCode)),
    );
  };

  return (
    <div class="sign-in-page">
      <form class="sign-in card" onSubmit={submit}>
        <h1>{t('backOffice.signIn.heading')}</h1>
        <label>
          {t('backOffice.signIn.username')}
          <input
            name="username"
            autocomplete="username"
            required
            value={username}
            disabled={askCode}
            onInput={(event) => setUsername(event.currentTarget.value)}
          />
        </label>
        {!askCode && (
          <label>
            {t('backOffice.signIn.password')}
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </label>
        )}
        {askCode && (
          <label>
            {t('backOffice.signIn.code')}
            <input
              name="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              required
              autoFocus
              value={code}
              onInput={(event) => setCode(event.currentTarget.value)}
            />
          </label>
        )}
        <button type="submit" class="primary">
          {t('backOffice.signIn.submit')}
        </button>
        <p class="problem" role="alert">
          {problem || refusal}
        </p>
        <LanguageSwitch />
      </form>
    </div>
  );
}

function signInProblem(error: unknown, askedCode: boolean): string {
  if (!(error instanceof ApiError)) return t('backOffice.signIn.noConnection');
  if (error.status === 429) {
    const wait = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return t('backOffice.signIn.tooManyAttempts', { count: wait });
  }
  if (error.status === 401)
    return t(askedCode ? 'backOffice.signIn.wrongCode' : 'backOffice.signIn.wrongPassword');
  return error.message;
}
