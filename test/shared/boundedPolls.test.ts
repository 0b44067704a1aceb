/**
 * The shared polling algorithm's bounds, on a minimal trigger run through n8n-core's PollContext:
 * a history of numbered events, searched by start time, each emitted as one item. The trigger
 * remembers what it emitted with a fingerprint cap far smaller than the real one, so a backlog
 * many times the cap shows that the walk's position, not the remembered set, keeps a long
 * backfill from emitting anything twice.
 */
import {
  NodeConnectionTypes,
  type IDataObject,
  type INodeExecutionData,
  type INodeParameters,
  type INodeType,
  type INodeTypeDescription,
  type IPollFunctions,
} from "n8n-workflow";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { optionsCollection } from "../../nodes/shared/node/properties";
import { runPoll as runSharedPoll } from "../../nodes/shared/trigger/runPoll";
import { pollWindowProperties, readPollWindow, type PollWindowOptions } from "../../nodes/shared/trigger/settings";
import { forgetUnreachable, readTriggerState, type TriggerState } from "../../nodes/shared/trigger/state";
import { runPoll, type RunPollResult } from "../harness";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.parse("2026-03-02T12:00:00Z");
const STATE_KEY = "ledgerState";
/** The fingerprint cap of this trigger: a backlog of 600 is twelve times it. */
const CAP = 50;

interface LedgerEvent {
  id: string;
  startMs: number;
}

/** The history the trigger reads, and every search it made. */
const ledger = {
  events: [] as LedgerEvent[],
  searches: [] as Array<[number, number]>,
};

class LedgerTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: "Ledger Trigger",
    name: "ledgerTrigger",
    group: ["trigger"],
    version: 1,
    description: "Emits numbered events of an in-memory history",
    defaults: { name: "Ledger Trigger" },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    properties: [
      optionsCollection(undefined, [
        ...pollWindowProperties({
          backfill: "Backfill",
          lookBack: "Look Back",
          items: "events",
        }),
        {
          displayName: "Scope",
          name: "scope",
          type: "string",
          default: "all",
          description: "Stands for a filter",
        },
      ]),
    ],
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    return await pollLedger(this);
  }
}

async function pollLedger(
  fx: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
  const options = fx.getNodeParameter("options", {}) as PollWindowOptions & {
    scope?: string;
  };
  const window = readPollWindow(fx, options);
  const scope = JSON.stringify({
    scope: options.scope ?? "all",
    startFrom: window.startFrom,
  });
  return await runSharedPoll<TriggerState, LedgerEvent, LedgerEvent>(fx, {
    ...window,
    stateKey: STATE_KEY,
    readState: (data) => readTriggerState(data, STATE_KEY, scope, 1)?.state,
    testEvent: async () => [],
    startWork(saved, horizon) {
      const seen = { ...(saved?.seen ?? {}) };
      const items: INodeExecutionData[] = [];
      return {
        slow: false,
        async search(from, to) {
          ledger.searches.push([from, to]);
          return ledger.events
            .filter((e) => e.startMs >= from && e.startMs < to)
            .sort((a, b) => a.startMs - b.startMs);
        },
        unseen: (event) => (seen[event.id] === undefined ? event : undefined),
        startMs: (event) => event.startMs,
        remember(event) {
          seen[event.id] = Math.floor(event.startMs / 1000);
        },
        async emit(event) {
          items.push({ json: { id: event.id } });
          seen[event.id] = Math.floor(event.startMs / 1000);
        },
        finish(cursor, reachFrom) {
          const kept = forgetUnreachable(
            seen,
            Math.max(saved?.horizon ?? horizon, reachFrom),
            0,
            CAP,
          );
          return {
            state: {
              version: 1,
              scope,
              cursor,
              horizon: kept.horizon,
              seen: kept.seen,
              failing: {},
            },
            items,
          };
        },
      };
    },
  });
}

class ActiveLedgerTrigger {
  staticData: IDataObject = {};

  constructor(public options: INodeParameters) {}

  async poll(): Promise<RunPollResult> {
    const result = await runPoll({
      nodeType: new LedgerTrigger(),
      parameters: { options: this.options },
      staticData: this.staticData,
    });
    this.staticData = result.staticData;
    return result;
  }

  state(): IDataObject | undefined {
    return Object.values(this.staticData)
      .map(
        (node) => (node as IDataObject)[STATE_KEY] as IDataObject | undefined,
      )
      .find(Boolean);
  }

  /** Polls a minute apart until one emits nothing, or `limit` polls. */
  async drain(limit = 100): Promise<{ polls: RunPollResult[]; ids: string[] }> {
    const polls: RunPollResult[] = [];
    for (let i = 0; i < limit; i++) {
      const result = await this.poll();
      expect(result.error).toBeUndefined();
      polls.push(result);
      if (result.returnedNull) break;
      vi.setSystemTime(Date.now() + MINUTE);
    }
    return {
      polls,
      ids: polls.flatMap((p) => p.items.map((item) => item.json.id as string)),
    };
  }
}

/** `count` events `spacingMs` apart, the last one a minute before now; `perStart` share each start. */
function history(
  count: number,
  spacingMs: number,
  perStart = 1,
): LedgerEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e${String(i).padStart(4, "0")}`,
    startMs: NOW - MINUTE - Math.floor((count - 1 - i) / perStart) * spacingMs,
  }));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  ledger.events = [];
  ledger.searches = [];
});
afterEach(() => vi.useRealTimers());

describe("bounded polls", () => {
  it("emits at most Max Items per Poll, oldest first, and the next poll continues where it stopped", async () => {
    ledger.events = history(250, MINUTE);
    const trigger = new ActiveLedgerTrigger({
      backfillHours: 10,
      maxItemsPerPoll: 100,
    });

    const { polls, ids } = await trigger.drain();

    expect(polls.map((p) => p.items.length)).toEqual([100, 100, 50, 0]);
    expect(ids).toEqual(ledger.events.map((e) => e.id));
    expect(trigger.state()?.backlog).toBeUndefined();
  });

  it("keeps where it stopped in the saved state: a new process continues from there", async () => {
    ledger.events = history(30, MINUTE);
    const trigger = new ActiveLedgerTrigger({
      backfillHours: 1,
      maxItemsPerPoll: 10,
    });
    await trigger.poll();

    expect(trigger.state()?.backlog).toEqual({
      next: ledger.events[10].startMs,
      until: NOW,
    });
    trigger.staticData = JSON.parse(
      JSON.stringify(trigger.staticData),
    ) as IDataObject;
    vi.setSystemTime(NOW + MINUTE);
    const second = await trigger.poll();

    expect(second.items.map((item) => item.json.id)).toEqual(
      ledger.events.slice(10, 20).map((e) => e.id),
    );
  });

  it("starts afresh, dropping the walk in progress, when the filter changes", async () => {
    ledger.events = history(30, MINUTE);
    const trigger = new ActiveLedgerTrigger({
      backfillHours: 1,
      maxItemsPerPoll: 10,
    });
    await trigger.poll();
    expect(trigger.state()?.backlog).toBeDefined();

    trigger.options = {
      ...trigger.options,
      scope: "another filter",
      backfillHours: 0,
    };
    vi.setSystemTime(NOW + MINUTE);
    const afresh = await trigger.poll();

    expect(afresh.returnedNull).toBe(true);
    expect(trigger.state()?.backlog).toBeUndefined();
    expect(JSON.parse(trigger.state()?.scope as string)).toMatchObject({
      scope: "another filter",
    });
  });

  it("Start From walks history from that date, bounded per poll, then polls as usual", async () => {
    ledger.events = history(120, 2 * HOUR);
    const first = ledger.events[0].startMs;
    const trigger = new ActiveLedgerTrigger({
      startFrom: new Date(first).toISOString(),
      maxItemsPerPoll: 25,
    });

    const { polls, ids } = await trigger.drain();
    ledger.events.push({ id: "live", startMs: Date.now() - 30_000 });
    vi.setSystemTime(Date.now() + MINUTE);
    const live = await trigger.poll();

    expect(polls.map((p) => p.items.length)).toEqual([25, 25, 25, 25, 20, 0]);
    expect(ids).toEqual(ledger.events.slice(0, 120).map((e) => e.id));
    expect(live.items.map((item) => item.json.id)).toEqual(["live"]);
    // Window by window: no search of the walk spans more than a week.
    expect(
      Math.max(...ledger.searches.map(([from, to]) => to - from)),
    ).toBeLessThanOrEqual(7 * 24 * HOUR);
    expect(Math.min(...ledger.searches.map(([from]) => from))).toBe(first);
  });

  it("emits nothing twice over a backlog twelve times the fingerprint cap, many events sharing a start", async () => {
    ledger.events = history(600, MINUTE, 3);
    const trigger = new ActiveLedgerTrigger({
      startFrom: new Date(ledger.events[0].startMs).toISOString(),
      maxItemsPerPoll: 40,
      lookBackHours: 1,
    });

    const { ids } = await trigger.drain();
    vi.setSystemTime(Date.now() + 5 * MINUTE);
    const after = await trigger.poll();

    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600);
    expect(after.returnedNull).toBe(true);
    expect(
      Object.keys((trigger.state()?.seen as IDataObject) ?? {}).length,
    ).toBeLessThanOrEqual(CAP);
  });
});
