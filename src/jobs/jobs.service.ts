import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { localDate } from '../common/time/wall-clock';
import { Database } from '../database/database.service';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { User } from '../users/user.entity';
import { CreateJobInput, StaffJobWageInput, UpdateJobInput } from './dto/job.inputs';
import { JobView, StaffJobView, WageFromView } from './dto/job.views';
import { Job } from './job.entity';
import { StaffJobWage } from './staff-job-wage.entity';

/** A person's wages by job, oldest first: what a shift's wage is read from. */
export type WagesByJob = Map<string, StaffJobWage[]>;

/** The wage of a job on a local date: the latest that started on or before it; null before the first. */
export function wageOn(wages: WagesByJob, jobId: string | null, date: string): number | null {
  if (!jobId) return null;
  const started = (wages.get(jobId) ?? []).filter((wage) => wage.effectiveFrom <= date);
  return started.length > 0 ? started[started.length - 1].hourlyWage : null;
}

/** Jobs, and the wage each person is paid in each of their jobs from a date on. */
@Injectable()
export class JobsService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly profile: RestaurantProfile,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<JobView>> {
    const [jobs, total] = await this.database.reader.findAndCount(Job, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(jobs.map(JobView.of), total, query);
  }

  create(principal: Principal, input: CreateJobInput): Promise<JobView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const job = Object.assign(new Job(), {
        id: randomUUID(),
        name: input.name,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      const inserted = await this.database.insertRows(tx, Job, job, 'ON CONFLICT DO NOTHING RETURNING id');
      if (inserted.length === 0)
        throw new DomainError(ErrorCode.Conflict, `A job named ${input.name} exists already`);
      const view = JobView.of(job);
      await this.audit.record(tx, principal, {
        action: 'job.created',
        entityType: 'job',
        entityId: job.id,
        after: view,
      });
      return view;
    });
  }

  update(principal: Principal, id: string, input: UpdateJobInput): Promise<JobView> {
    return this.database.transaction(async (tx) => {
      const job = await tx.manager.findOne(Job, { where: { id }, ...this.database.forUpdate });
      if (!job) throw DomainError.notFound('Job');
      if (input.name !== undefined && input.name !== job.name) {
        if (await tx.manager.exists(Job, { where: { name: input.name } })) {
          throw new DomainError(ErrorCode.Conflict, `A job named ${input.name} exists already`);
        }
      }
      return auditedChange(tx, this.audit, principal, job, {
        action: 'job.updated',
        entityType: 'job',
        view: JobView.of,
        change: () => {
          if (input.name !== undefined) job.name = input.name;
          if (input.active !== undefined) job.active = input.active;
          job.updatedAt = this.clock.now();
        },
      });
    });
  }

  async staffJobs(userId: string): Promise<StaffJobView[]> {
    const reader = this.database.reader;
    if (!(await reader.exists(User, { where: { id: userId } }))) throw DomainError.notFound('Staff member');
    return this.jobsOf(reader, userId);
  }

  /** Pays the person this wage in the job from the date on; the same person, job and date answers 409. */
  addWage(principal: Principal, userId: string, input: StaffJobWageInput): Promise<StaffJobView[]> {
    return this.database.transaction(async (tx) => {
      if (!(await tx.manager.exists(User, { where: { id: userId } })))
        throw DomainError.notFound('Staff member');
      if (!(await tx.manager.exists(Job, { where: { id: input.jobId } }))) {
        throw DomainError.invalidField('jobId', 'is no job');
      }
      const wage = Object.assign(new StaffJobWage(), {
        id: randomUUID(),
        userId,
        jobId: input.jobId,
        hourlyWage: input.hourlyWage,
        effectiveFrom: input.effectiveFrom,
        createdAt: this.clock.now(),
      });
      const inserted = await this.database.insertRows(
        tx,
        StaffJobWage,
        wage,
        'ON CONFLICT DO NOTHING RETURNING id',
      );
      if (inserted.length === 0) {
        throw new DomainError(
          ErrorCode.Conflict,
          `A wage in this job from ${input.effectiveFrom} is set already`,
        );
      }
      await this.audit.record(tx, principal, {
        action: 'staff_job_wage.added',
        entityType: 'user',
        entityId: userId,
        after: { jobId: input.jobId, ...WageFromView.of(wage) },
      });
      return this.jobsOf(tx.manager, userId);
    });
  }

  /** The jobs a person holds, by name, each with today's wage and every wage. */
  async jobsOf(manager: EntityManager, userId: string): Promise<StaffJobView[]> {
    const wages = await this.wagesOf(manager, [userId]);
    const byJob = wages.get(userId) ?? new Map<string, StaffJobWage[]>();
    if (byJob.size === 0) return [];
    const jobs = await manager.find(Job, {
      where: { id: In([...byJob.keys()]) },
      order: { name: 'ASC', id: 'ASC' },
    });
    const today = localDate(this.clock.now(), this.profile.timezone);
    return jobs.map((job) => ({
      jobId: job.id,
      name: job.name,
      active: job.active,
      hourlyWage: wageOn(byJob, job.id, today),
      wages: (byJob.get(job.id) ?? []).map(WageFromView.of),
    }));
  }

  /** Each person's wages by job, oldest first. */
  async wagesOf(manager: EntityManager, userIds: string[]): Promise<Map<string, WagesByJob>> {
    const result = new Map<string, WagesByJob>();
    if (userIds.length === 0) return result;
    const rows = await manager.find(StaffJobWage, {
      where: { userId: In(userIds) },
      order: { effectiveFrom: 'ASC' },
    });
    for (const row of rows) {
      const byJob = result.get(row.userId) ?? new Map<string, StaffJobWage[]>();
      byJob.set(row.jobId, [...(byJob.get(row.jobId) ?? []), row]);
      result.set(row.userId, byJob);
    }
    return result;
  }

  /** Job names by id, inactive ones too. */
  async namesOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const jobs = await manager.find(Job, { where: { id: In([...new Set(ids)]) } });
    return new Map(jobs.map((job) => [job.id, job.name]));
  }
}
