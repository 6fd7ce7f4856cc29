import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, PageQuery, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { Ingredient } from '../menu/menu.entities';
import { CreateSupplierInput, SupplierPriceInput, UpdateSupplierInput } from './dto/receiving.inputs';
import { SupplierView } from './dto/receiving.views';
import { PurchaseOrder, Supplier, SupplierPrice } from './receiving.entities';

/** `/suppliers`: who goods are bought from, with a pack price per ingredient that purchase orders start from. */
@Injectable()
export class Suppliers {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<SupplierView>> {
    const [rows, total] = await this.database.reader.findAndCount(Supplier, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(rows.map(SupplierView.of), total, query);
  }

  async get(id: string): Promise<SupplierView> {
    return SupplierView.of(await this.find(this.database.reader, id));
  }

  create(principal: Principal, input: CreateSupplierInput): Promise<SupplierView> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const supplier = tx.manager.create(Supplier, {
        id: randomUUID(),
        name: input.name,
        contact: input.contact ?? null,
        prices: await this.prices(tx, input.prices ?? []),
        createdAt: now,
        updatedAt: now,
      });
      await tx.manager.insert(Supplier, supplier);
      const view = SupplierView.of(supplier);
      await this.auditLog.record(tx, principal, {
        action: 'supplier.created',
        entityType: 'supplier',
        entityId: supplier.id,
        after: view,
      });
      return view;
    });
  }

  update(principal: Principal, id: string, input: UpdateSupplierInput): Promise<SupplierView> {
    return this.database.transaction(async (tx) => {
      const supplier = await this.find(tx.manager, id);
      const before = SupplierView.of(supplier);
      if (input.name !== undefined) supplier.name = input.name;
      if (input.contact !== undefined) supplier.contact = input.contact;
      if (input.prices !== undefined) supplier.prices = await this.prices(tx, input.prices);
      supplier.updatedAt = this.clock.now();
      await tx.manager.update(
        Supplier,
        { id },
        {
          name: supplier.name,
          contact: supplier.contact,
          prices: supplier.prices,
          updatedAt: supplier.updatedAt,
        },
      );
      const view = SupplierView.of(supplier);
      await this.auditLog.record(tx, principal, {
        action: 'supplier.updated',
        entityType: 'supplier',
        entityId: id,
        before,
        after: view,
      });
      return view;
    });
  }

  /** A supplier with purchase orders is kept: 409. */
  remove(principal: Principal, id: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const supplier = await this.find(tx.manager, id);
      if ((await tx.manager.count(PurchaseOrder, { where: { supplierId: id } })) > 0)
        throw new DomainError(ErrorCode.Conflict, 'The supplier has purchase orders');
      await tx.manager.delete(Supplier, { id });
      await this.auditLog.record(tx, principal, {
        action: 'supplier.deleted',
        entityType: 'supplier',
        entityId: id,
        before: SupplierView.of(supplier),
      });
    });
  }

  async find(manager: Tx['manager'], id: string): Promise<Supplier> {
    const supplier = await manager.findOne(Supplier, { where: { id } });
    if (!supplier) throw DomainError.notFound('Supplier');
    return supplier;
  }

  /** One price per ingredient (422 for a second), each naming an ingredient that exists (404). */
  private async prices(tx: Tx, input: SupplierPriceInput[]): Promise<SupplierPrice[]> {
    const seen = new Set<string>();
    const problems = input.flatMap((price, i) => {
      if (!seen.has(price.ingredientId)) {
        seen.add(price.ingredientId);
        return [];
      }
      return [{ field: `prices[${i}].ingredientId`, message: 'has a price already' }];
    });
    if (problems.length > 0) throw DomainError.validation(problems);
    const ids = [...seen];
    if (ids.length > 0) {
      const known = await tx.manager.count(Ingredient, { where: { id: In(ids) } });
      if (known !== ids.length) throw DomainError.notFound('Ingredient');
    }
    return input.map(({ ingredientId, packName, baseQuantity, packPrice }) => ({
      ingredientId,
      packName,
      baseQuantity,
      packPrice,
    }));
  }
}
