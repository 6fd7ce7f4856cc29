import { useEffect, useState } from 'preact/hooks';
import { chooseLanguage, language, onLanguageChange, t } from '../../i18n/browser/page-i18n';
import { LANGUAGES, languageOf } from '../../i18n/languages';

/** Re-renders the calling component (an app's root, so the whole screen) when the language changes. */
export function useLanguage(): string {
  const [shown, setShown] = useState(language);
  useEffect(() => onLanguageChange(() => setShown(language)), []);
  return shown;
}

/** A staff screen's language switch: each language named in itself, the choice kept on the device. */
export function LanguageSwitch() {
  return (
    <select
      class="language"
      aria-label={t('language.label')}
      value={language}
      onChange={(event) => {
        const chosen = languageOf(event.currentTarget.value);
        if (chosen) chooseLanguage(chosen);
      }}
    >
      {LANGUAGES.map((each) => (
        <option key={each} value={each}>
          {t(`language.${each}`)}
        </option>
      ))}
    </select>
  );
}
