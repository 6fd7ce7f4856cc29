/**
 * Express or Fastify under Nest (issue 53): what the HTTP platform alone costs on this service's workload. The same
 * Nest application runs on each platform in a process of its own: a POST shaped like an order (a bearer token
 * checked by a guard, a body validated by the service's ValidationPipe settings, nested lines, a reply of the
 * order's size) and a GET of a menu-sized object. autocannon loads each in turn, the platforms alternating.
 * Nothing of the service's own work (database, events, sockets) is in it: the figures say what a change of
 * platform could buy at most, next to the service's own figures in docs/benchmark.md.
 *
 *   npm run weigh-platforms -- [--seconds 8] [--connections 10] [--rounds 2]
 */
import 'reflect-metadata';
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  Module,
  Post,
} from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { execFile, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { say } from './bench-lib';

const AUTOCANNON = require.resolve('autocannon/autocannon.js');
const TOKEN = 'Bearer weigh-platforms';
const PLATFORMS = ['express', 'fastify'] as const;
type Platform = (typeof PLATFORMS)[number];

class LineInput {
  @IsUUID() dishId!: string;
  @IsOptional() @IsUUID() variationId?: string;
  @IsInt() @Min(1) @Max(99) quantity!: number;
  @IsOptional() @IsString() @MaxLength(200) notes?: string;
}

class OrderInput {
  @IsIn(['dine_in', 'takeaway']) type!: string;
  @IsOptional() @IsUUID() tableId?: string;
  @ValidateNested({ each: true }) @Type(() => LineInput) @ArrayMinSize(1) items!: LineInput[];
}

@Injectable()
class BearerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    return request.headers.authorization === TOKEN;
  }
}

/** A menu of the bench's size: 3 stations × 4 dishes, two variations each. */
const MENU = {
  categories: [
    {
      id: randomUUID(),
      name: 'Mains',
      dishes: Array.from({ length: 12 }, (_, i) => ({
        id: randomUUID(),
        name: `Dish ${i}`,
        description: 'A dish of the house, with a description of a sentence or two for the QR page.',
        allergens: ['gluten', 'milk'],
        variations: [
          { id: randomUUID(), name: 'Regular', price: 1200 + i * 50 },
          { id: randomUUID(), name: 'Large', price: 1500 + i * 50 },
        ],
      })),
    },
  ],
};

@Controller('api/v1')
class WeighController {
  private number = 0;

  @Post('orders')
  create(@Body() input: OrderInput) {
    this.number += 1;
    const lines = input.items.map((item) => ({ id: randomUUID(), ...item, unitPrice: 1200, status: 'new' }));
    return {
      id: randomUUID(),
      number: this.number,
      status: 'open',
      type: input.type,
      items: lines,
      total: 4200,
    };
  }

  @Get('menu')
  menu() {
    return MENU;
  }
}

@Module({ controllers: [WeighController], providers: [{ provide: 'APP_GUARD', useClass: BearerGuard }] })
class WeighModule {}

async function serve(platform: Platform): Promise<void> {
  const app =
    platform === 'express'
      ? await NestFactory.create(WeighModule, { logger: false })
      : await NestFactory.create(WeighModule, new FastifyAdapter(), { logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  process.send!({ url: url.replace('[::1]', '127.0.0.1') });
}

const ORDER = JSON.stringify({
  type: 'dine_in',
  tableId: randomUUID(),
  items: [
    { dishId: randomUUID(), variationId: randomUUID(), quantity: 1 },
    { dishId: randomUUID(), quantity: 2, notes: 'no onions' },
    { dishId: randomUUID(), quantity: 1 },
  ],
});

function load(url: string, connections: number, seconds: number, post: boolean): Promise<number> {
  const flags = ['-c', String(connections), '-d', String(seconds), '--json', '-H', `authorization=${TOKEN}`];
  if (post) flags.push('-m', 'POST', '-H', 'content-type=application/json', '-b', ORDER);
  return new Promise<number>((done, fail) =>
    execFile(process.execPath, [AUTOCANNON, ...flags, url], (error, stdout) => {
      if (error) return fail(new Error(`autocannon: ${error.message}`));
      const result = JSON.parse(stdout) as { requests: { total: number }; duration: number; non2xx: number };
      if (result.non2xx > 0) return fail(new Error(`${url}: ${result.non2xx} replies other than 2xx`));
      done(Math.round(result.requests.total / result.duration));
    }),
  );
}

async function measure(platform: Platform, connections: number, seconds: number) {
  const child = fork(__filename, ['--serve', platform], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  try {
    const url = await new Promise<string>((done) =>
      child.once('message', (m: { url: string }) => done(m.url)),
    );
    return {
      orders: await load(`${url}/api/v1/orders`, connections, seconds, true),
      menu: await load(`${url}/api/v1/menu`, connections, seconds, false),
    };
  } finally {
    child.kill();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'string' },
      seconds: { type: 'string', default: '8' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
    },
  });
  if (values.serve) return serve(values.serve as Platform);
  const [seconds, connections] = [Number(values.seconds), Number(values.connections)];
  const runs: Record<Platform, Array<{ orders: number; menu: number }>> = { express: [], fastify: [] };
  for (let round = 0; round < Number(values.rounds); round += 1) {
    for (const platform of PLATFORMS) {
      say(`round ${round + 1}: ${platform}`);
      runs[platform].push(await measure(platform, connections, seconds));
    }
  }
  const figures = (platform: Platform, key: 'orders' | 'menu') =>
    runs[platform].map((run) => run[key].toLocaleString('en')).join(', ');
  const ratio = (key: 'orders' | 'menu') => {
    const sum = (platform: Platform) => runs[platform].reduce((total, run) => total + run[key], 0);
    return `${(sum('fastify') / sum('express')).toFixed(2)}×`;
  };
  process.stdout.write(
    [
      `| ${connections} connections, ${seconds} s | Express, req/s | Fastify, req/s | Fastify ÷ Express |`,
      '| --- | --- | --- | --- |',
      `| POST /orders (guard, validation, JSON) | ${figures('express', 'orders')} | ${figures('fastify', 'orders')} | ${ratio('orders')} |`,
      `| GET /menu (JSON) | ${figures('express', 'menu')} | ${figures('fastify', 'menu')} | ${ratio('menu')} |`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
