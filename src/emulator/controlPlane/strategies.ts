// Create/List/Get DeploymentStrategy. The four AWS-predefined `AppConfig.*` strategies
// (docs/protocol.md §3.2) always exist, are listed first, and can be fetched by their id like any other.
import type { EmulatorContext } from '../index.js';
import { badRequest, parseJsonObject, sendJson } from '../http.js';
import { route, type Route } from '../router.js';
import type { DeploymentStrategy, Store } from '../store.js';
import { paginate } from './pagination.js';
import {
  checkTags,
  notFound,
  optionalEnum,
  optionalInteger,
  optionalString,
  quotaExceeded,
  requiredFloat,
  requiredInteger,
  requiredString,
  type Body,
} from './validation.js';

/** From the AWS user guide's predefined-strategy table (docs/protocol.md §3.2). */
export const PREDEFINED_STRATEGIES: readonly DeploymentStrategy[] = [
  {
    Id: 'AppConfig.Linear50PercentEvery30Seconds',
    Name: 'AppConfig.Linear50PercentEvery30Seconds',
    Description: 'Test/Demonstration',
    DeploymentDurationInMinutes: 1,
    GrowthType: 'LINEAR',
    GrowthFactor: 50,
    FinalBakeTimeInMinutes: 1,
    ReplicateTo: 'NONE',
  },
  {
    Id: 'AppConfig.Canary10Percent20Minutes',
    Name: 'AppConfig.Canary10Percent20Minutes',
    Description: 'AWS Recommended',
    DeploymentDurationInMinutes: 20,
    GrowthType: 'EXPONENTIAL',
    GrowthFactor: 10,
    FinalBakeTimeInMinutes: 10,
    ReplicateTo: 'NONE',
  },
  {
    Id: 'AppConfig.AllAtOnce',
    Name: 'AppConfig.AllAtOnce',
    Description: 'Quick',
    DeploymentDurationInMinutes: 0,
    GrowthType: 'LINEAR',
    GrowthFactor: 100,
    FinalBakeTimeInMinutes: 10,
    ReplicateTo: 'NONE',
  },
  {
    Id: 'AppConfig.Linear20PercentEvery6Minutes',
    Name: 'AppConfig.Linear20PercentEvery6Minutes',
    Description: 'AWS Recommended',
    DeploymentDurationInMinutes: 30,
    GrowthType: 'LINEAR',
    GrowthFactor: 20,
    FinalBakeTimeInMinutes: 30,
    ReplicateTo: 'NONE',
  },
];

/**
 * AWS's default quota ("20 deployment strategies", docs/protocol.md §5.2); the predefined ones do not count.
 */
const MAX_STRATEGIES = 20;
export const STRATEGY_ID = /^([a-z0-9]{4,7}|AppConfig\.[A-Za-z0-9]{9,40})$/;

/** Predefined strategies live outside the store: they cannot be changed and do not count toward the quota. */
export function requireStrategy(store: Store, strategyId: string): DeploymentStrategy {
  if (!STRATEGY_ID.test(strategyId)) {
    throw badRequest(
      `DeploymentStrategyId '${strategyId}' is not valid: it must match [a-z0-9]{4,7} or AppConfig.[A-Za-z0-9]{9,40}.`,
    );
  }
  const strategy =
    PREDEFINED_STRATEGIES.find((s) => s.Id === strategyId) ?? store.strategies.get(strategyId);
  if (!strategy)
    throw notFound('DeploymentStrategy', `Deployment strategy ${strategyId} does not exist.`);
  return strategy;
}

export function createStrategy(store: Store, body: Body): DeploymentStrategy {
  const Name = requiredString(body, 'Name', { min: 1, max: 64 });
  const Description = optionalString(body, 'Description', { max: 1024 });
  const DeploymentDurationInMinutes = requiredInteger(body, 'DeploymentDurationInMinutes', 0, 1440);
  const FinalBakeTimeInMinutes = optionalInteger(body, 'FinalBakeTimeInMinutes', 0, 1440) ?? 0;
  const GrowthFactor = requiredFloat(body, 'GrowthFactor', 1, 100);
  const GrowthType =
    optionalEnum(body, 'GrowthType', ['LINEAR', 'EXPONENTIAL'] as const) ?? 'LINEAR';
  const ReplicateTo =
    optionalEnum(body, 'ReplicateTo', ['NONE', 'SSM_DOCUMENT'] as const) ?? 'NONE';
  checkTags(body);
  if (store.strategies.size >= MAX_STRATEGIES) {
    throw quotaExceeded(
      `This account already has the maximum of ${MAX_STRATEGIES} deployment strategies.`,
    );
  }
  const strategy: DeploymentStrategy = {
    Id: store.newId(),
    Name,
    Description,
    DeploymentDurationInMinutes,
    GrowthType,
    GrowthFactor,
    FinalBakeTimeInMinutes,
    ReplicateTo,
  };
  store.strategies.set(strategy.Id, strategy);
  return strategy;
}

export function strategyRoutes({ store }: EmulatorContext): Route[] {
  return [
    route('POST', '/deploymentstrategies', async (ctx) => {
      sendJson(ctx.res, 201, createStrategy(store, parseJsonObject(await ctx.body())));
    }),
    route('GET', '/deploymentstrategies', (ctx) => {
      const all = [...PREDEFINED_STRATEGIES, ...store.strategies.values()];
      sendJson(ctx.res, 200, paginate(ctx.url, 'strategies', all));
    }),
    route('GET', '/deploymentstrategies/:DeploymentStrategyId', (ctx) => {
      sendJson(ctx.res, 200, requireStrategy(store, ctx.params.DeploymentStrategyId ?? ''));
    }),
  ];
}
