import type { CatalogReportInput } from '../hq/catalog/dto/catalog-report.inputs';
import type { SiteCatalogView } from '../hq/catalog/dto/hq-catalog.views';
import type { SalesFactsReceiptView } from '../hq/dto/hq-sales.views';
import type { SiteStaffProblemsInput } from '../hq/staff/dto/hq-staff.inputs';
import type { SiteStaffView } from '../hq/staff/dto/hq-staff.views';
import type { SiteContactView, SiteCredentialView } from '../hq/dto/hq-site.views';
import type { SiteLinkInput } from '../hq/dto/hq-site.inputs';
import type { SalesFactsInput } from '../hq/dto/sales-facts.inputs';
import { SITE_CREDENTIAL_HEADER } from '../hq/site-credential-access';

/** How long the site waits for headquarters' answer: a link that hangs must not hold a request or a contact. */
const ANSWER_WITHIN_MS = 10_000;

/** Why a call to headquarters did not succeed: not reached at all, or answered with an error. */
export class HqCallFailure extends Error {
  constructor(
    message: string,
    /** HQ's status when it answered; null when it could not be reached. */
    readonly status: number | null,
    /** HQ's error body, when it answered one in the API's shape. */
    readonly error: {
      code?: string;
      message?: string;
      details?: Array<{ field: string; message: string }>;
    } | null,
  ) {
    super(message);
  }
}

/** The site's calls to headquarters' API: outbound only, so a site behind NAT links as well. */
export class HqClient {
  constructor(private readonly baseUrl: string) {}

  link(input: SiteLinkInput): Promise<SiteCredentialView> {
    return this.call<SiteCredentialView>('POST', '/api/v1/hq/link', input);
  }

  /** `businessDay`: the day the site trades in now, for its row of headquarters' live board. */
  contact(credential: string, businessDay: string): Promise<SiteContactView> {
    return this.call<SiteContactView>('GET', `/api/v1/hq/site?businessDay=${businessDay}`, undefined, {
      [SITE_CREDENTIAL_HEADER]: credential,
    });
  }

  sendSales(credential: string, facts: SalesFactsInput): Promise<SalesFactsReceiptView> {
    return this.call<SalesFactsReceiptView>('POST', '/api/v1/hq/sales-facts', facts, {
      [SITE_CREDENTIAL_HEADER]: credential,
    });
  }

  /** The latest publication's catalog for this site; null when If-None-Match still holds (304). */
  async pullCatalog(
    credential: string,
    etag: string | null,
  ): Promise<{ etag: string; catalog: SiteCatalogView } | null> {
    const response = await this.fetch('GET', '/api/v1/hq/site/catalog', undefined, {
      [SITE_CREDENTIAL_HEADER]: credential,
      ...(etag ? { 'If-None-Match': etag } : {}),
    });
    if (response.status === 304) return null;
    const catalog = await this.answerOf<SiteCatalogView>(response);
    return { etag: response.headers.get('etag') ?? '', catalog };
  }

  /** The people of the staff directory changed after version `after`. */
  pullStaff(credential: string, after: number): Promise<SiteStaffView> {
    return this.call<SiteStaffView>('GET', `/api/v1/hq/site/staff?after=${after}`, undefined, {
      [SITE_CREDENTIAL_HEADER]: credential,
    });
  }

  reportStaffProblems(credential: string, report: SiteStaffProblemsInput): Promise<void> {
    return this.call<void>('PUT', '/api/v1/hq/site/staff-problems', report, {
      [SITE_CREDENTIAL_HEADER]: credential,
    });
  }

  reportCatalog(credential: string, report: CatalogReportInput): Promise<void> {
    return this.call<void>('POST', '/api/v1/hq/site/catalog-report', report, {
      [SITE_CREDENTIAL_HEADER]: credential,
    });
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    return this.answerOf<T>(await this.fetch(method, path, body, headers));
  }

  private fetch(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<Response> {
    return fetch(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
      redirect: 'error',
    }).catch((error: unknown) => {
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      throw new HqCallFailure(`headquarters could not be reached: ${reason}`, null, null);
    });
  }

  /** The answer's body (none for 204), or HqCallFailure with headquarters' error. */
  private async answerOf<T>(response: Response): Promise<T> {
    if (response.status === 204) return undefined as T;
    const answer = (await response.json().catch(() => null)) as { error?: HqCallFailure['error'] } | T | null;
    if (response.ok && answer) return answer as T;
    const error = (answer as { error?: HqCallFailure['error'] } | null)?.error ?? null;
    throw new HqCallFailure(
      `headquarters answered ${response.status}${error?.message ? `: ${error.message}` : ''}`,
      response.status,
      error,
    );
  }
}
