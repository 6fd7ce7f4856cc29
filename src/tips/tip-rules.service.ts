import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOfAll, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { JobsService } from '../jobs/jobs.service';
import { percentToPpm } from '../money';
import { BusinessCalendar } from '../orders/business-calendar';
import { TipRuleInput } from './dto/tip.inputs';
import { TipRuleView } from './dto/tip.views';
import { TipRecorder } from './tip-recorder';
import { TipRule } from './tips.entities';

const ENTITY_TYPE = 'tip_rule';

/**
 * The manager's ordered tip rules. A change applies to the open business day (shared again at once) and the days
 * after; a past day keeps the rules it was shared by.
 */
@Injectable()
export class TipRulesService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly jobs: JobsService,
    private readonly recorder: TipRecorder,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<TipRuleView>> {
    const rules = await this.database.reader.find(TipRule, { order: { position: 'ASC', id: 'ASC' } });
    return pageOfAll(rules.map(TipRuleView.of), query);
  }

  create(actor: Principal, input: TipRuleInput): Promise<TipRuleView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const rule = Object.assign(new TipRule(), { id: randomUUID(), createdAt: now, updatedAt: now });
      await this.applyTerms(tx, rule, input);
      const rules = await this.ordered(tx);
      await this.place(tx, rules, rule, input.position);
      const view = TipRuleView.of(rule);
      await this.audit.record(tx, actor, {
        action: 'tip_rule.created',
        entityType: ENTITY_TYPE,
        entityId: rule.id,
        after: view,
      });
      this.recorder.changed(tx, this.calendar.today());
      return view;
    });
  }

  replace(actor: Principal, id: string, input: TipRuleInput): Promise<TipRuleView> {
    return this.database.transaction(async (tx) => {
      const rules = await this.ordered(tx);
      const rule = rules.find((candidate) => candidate.id === id);
      if (!rule) throw DomainError.notFound('Tip rule');
      const before = TipRuleView.of(rule);
      await this.applyTerms(tx, rule, input);
      rule.updatedAt = this.clock.now();
      await this.place(
        tx,
        rules.filter((other) => other.id !== id),
        rule,
        input.position ?? rule.position,
      );
      const after = TipRuleView.of(rule);
      await this.audit.record(tx, actor, {
        action: 'tip_rule.updated',
        entityType: ENTITY_TYPE,
        entityId: id,
        before,
        after,
      });
      this.recorder.changed(tx, this.calendar.today());
      return after;
    });
  }

  remove(actor: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const rules = await this.ordered(tx);
      const rule = rules.find((candidate) => candidate.id === id);
      if (!rule) throw DomainError.notFound('Tip rule');
      await tx.manager.delete(TipRule, { id });
      await this.renumber(
        tx,
        rules.filter((other) => other.id !== id),
      );
      await this.audit.record(tx, actor, {
        action: 'tip_rule.deleted',
        entityType: ENTITY_TYPE,
        entityId: id,
        before: TipRuleView.of(rule),
      });
      this.recorder.changed(tx, this.calendar.today());
    });
  }

  /** Every rule, locked, in order: a change renumbers the others. */
  private ordered(tx: Tx): Promise<TipRule[]> {
    return tx.manager.find(TipRule, { order: { position: 'ASC', id: 'ASC' }, ...this.database.forUpdate });
  }

  /** Puts `rule` at `position` (1 first; the end when absent or past it) among `others`, and saves the order. */
  private async place(tx: Tx, others: TipRule[], rule: TipRule, position?: number): Promise<void> {
    const at = Math.min(Math.max((position ?? others.length + 1) - 1, 0), others.length);
    await this.renumber(tx, [...others.slice(0, at), rule, ...others.slice(at)]);
  }

  private async renumber(tx: Tx, rules: TipRule[]): Promise<void> {
    rules.forEach((rule, i) => (rule.position = i + 1));
    if (rules.length > 0) await tx.manager.save(TipRule, rules);
  }

  /** The input's terms on `rule`, the jobs it names checked (422 for one that does not exist). */
  private async applyTerms(tx: Tx, rule: TipRule, input: TipRuleInput): Promise<void> {
    const tipOut = input.kind === 'tip_out';
    const jobIds = tipOut ? [input.toJobId!] : input.jobIds!;
    const known = await this.jobs.namesOf(tx.manager, jobIds);
    const missing = jobIds.find((jobId) => !known.has(jobId));
    if (missing) throw DomainError.invalidField(tipOut ? 'toJobId' : 'jobIds', `no job ${missing}`);
    Object.assign(rule, {
      kind: input.kind,
      percentPpm: tipOut ? percentToPpm(input.percent!) : null,
      categoryIds: tipOut ? input.ofCategoryIds! : [],
      toJobId: tipOut ? input.toJobId! : null,
      jobIds: tipOut ? [] : input.jobIds!,
      splitBy: tipOut ? null : input.by!,
      eligibility: input.eligibility,
    });
  }
}
