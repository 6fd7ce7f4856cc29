import { render } from 'preact';
import { startPageI18n } from '../../i18n/browser/page-i18n';
import { backOfficeCatalogue } from '../../i18n/pages/back-office';
import { glanceCatalogue } from '../../i18n/pages/glance';
import { screensCatalogue } from '../../i18n/pages/screens';
import { BackOfficeApp } from './back-office-app';
import './back-office.css';
import './reports.css';

startPageI18n([screensCatalogue, backOfficeCatalogue, glanceCatalogue], 'clientPages.backOffice');
render(<BackOfficeApp />, document.getElementById('app')!);
