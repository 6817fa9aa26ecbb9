/**
 * Offline Prisma migrations: Prisma's own WebAssembly schema engine, driven through @prisma/adapter-pg.
 *
 * The Prisma 7 CLI downloads a native schema engine before every migrate command, which this
 * network cannot reach. The same engine ships as `@prisma/schema-engine-wasm`; this module feeds it
 * the migrations folder and a database connection. The engine writes the SQL and the
 * `_prisma_migrations` rows itself, so the history stays in Prisma's format and `prisma migrate
 * deploy` can take over wherever the native engine is available. See docs/decisions/0002-offline-migrations.md.
 *
 * Three adapter quirks are worked around here (each would otherwise break or endanger a migration):
 * 1. pg_catalog uses columns of type "char" (oid 18), which adapter-pg refuses to read → read them as text.
 * 2. adapter-pg's shadow database can silently be the real database (a connection string wins over
 *    the `database` option) and the engine wipes the shadow → we create a uniquely named shadow
 *    database ourselves, verify `current_database()`, and drop it afterwards.
 * 3. adapter-pg splits scripts on every `;`, breaking `$$` bodies → each script is sent as one query.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
const filters = { externalTables: [] as string[], externalEnums: [] as string[] };

type PgConfig = { host: string; port: number; user: string; password: string; database: string; ssl?: boolean };

function toConfig(url: string): PgConfig {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(parsed.hostname),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
    ...(sslmode && sslmode !== "disable" ? { ssl: true } : {}),
  };
}

const CHAR_OID = 18;
const TEXT_OID = 25;
let isAdapterPatched = false;

/** Patches adapter-pg's queryable prototypes once (quirks 1 and 3 above). */
function patchAdapter(adapter: object) {
  if (isAdapterPatched) return;
  isAdapterPatched = true;
  let proto: Record<string, unknown> | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto) throw new Error("Unexpected @prisma/adapter-pg internals: performIO not found. Check the adapter version.");
  // Remember which columns were "char" on the query object (one per call), read them as text, then
  // report them to the engine as Character, the type it expects for pg_catalog's "char" columns.
  const performIO = proto.performIO as (this: unknown, query: object) => Promise<{ fields: { dataTypeID: number }[] }>;
  proto.performIO = async function (this: unknown, query: object) {
    const result = await performIO.call(this, query);
    const charColumns: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        charColumns.push(index);
      }
    });
    if (charColumns.length) (query as { charColumns?: number[] }).charColumns = charColumns;
    return result;
  };
  const queryRaw = proto.queryRaw as (this: unknown, query: object) => Promise<{ columnTypes: number[] }>;
  proto.queryRaw = async function (this: unknown, query: object) {
    const result = await queryRaw.call(this, query);
    for (const index of (query as { charColumns?: number[] }).charColumns ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  const adapterProto = Object.getPrototypeOf(adapter) as Record<string, unknown>;
  adapterProto.executeScript = async function (this: { client: pg.Pool; onError(e: unknown): never }, script: string) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
}

type DriverAdapter = { dispose(): Promise<void> };

/** Makes dispose idempotent and remembers the adapter so withEngine can close its pool afterwards. */
function track(adapter: DriverAdapter, opened: DriverAdapter[]) {
  const dispose = adapter.dispose.bind(adapter);
  let disposed: Promise<void> | null = null;
  adapter.dispose = () => (disposed ??= dispose());
  opened.push(adapter);
  return adapter;
}

function createAdapterFactory(url: string, opened: DriverAdapter[]) {
  const config = toConfig(url);
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    async connect() {
      const adapter = (await new PrismaPg({ ...config }).connect()) as unknown as DriverAdapter;
      patchAdapter(adapter);
      return track(adapter, opened);
    },
    async connectToShadowDb() {
      const shadow = `gt_shadow_${randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client({ ...config });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${shadow}"`);
      await admin.end();
      const shadowConfig = { ...config, database: shadow };
      const check = new pg.Client(shadowConfig);
      await check.connect();
      const { rows } = await check.query<{ db: string }>("SELECT current_database() AS db");
      await check.end();
      if (rows[0]?.db !== shadow) {
        throw new Error(`Refusing to continue: the shadow connection points at "${rows[0]?.db}", not "${shadow}".`);
      }
      const adapter = (await new PrismaPg(shadowConfig).connect()) as unknown as DriverAdapter;
      patchAdapter(adapter);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const dropper = new pg.Client({ ...config });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`);
        await dropper.end();
      };
      return track(adapter, opened);
    },
  };
}

type MigrationList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: "ok"; value: string } } }[];
};

export function readMigrations(): MigrationList {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => ({
      path: dir,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8") },
      },
    })),
  };
}

function readSchema(content?: string) {
  return { files: [{ path: schemaPath, content: content ?? readFileSync(schemaPath, "utf8") }] };
}

let lastPanic = "";

type SchemaEngineModule = {
  SchemaEngine: { new: (options: unknown, callback: (log: string) => void, adapter: object) => Promise<SchemaEngineApi> };
};
let engineModule: Promise<SchemaEngineModule> | null = null;

/**
 * The package's entry imports the .wasm file as an ES module (a bundler feature Node lacks), so we
 * instantiate it ourselves exactly as that entry does: the JS glue, then the module with the glue as imports.
 */
function loadSchemaEngine(): Promise<SchemaEngineModule> {
  engineModule ??= (async () => {
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as SchemaEngineModule &
      Record<string, unknown> & { __wbg_set_wasm(exports: WebAssembly.Exports): void };
    const wasmPath = path.join(projectRoot, "node_modules", "@prisma", "schema-engine-wasm", "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": glue as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

async function withEngine<T>(url: string, run: (engine: SchemaEngineApi) => Promise<T>): Promise<T> {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => void (lastPanic = message) };
  const wasm = await loadSchemaEngine();
  const schema = readSchema();
  const opened: DriverAdapter[] = [];
  const engine = await wasm.SchemaEngine.new(
    { datamodels: schema.files.map((file) => [file.path, file.content]) },
    (log: string) => {
      if (process.env.DEBUG_MIGRATIONS) console.error("[schema-engine]", log);
    },
    // The engine expects the Result-wrapped adapter interface the Prisma CLI gives it.
    bindMigrationAwareSqlAdapterFactory(createAdapterFactory(url, opened) as never),
  );
  try {
    return await run(engine);
  } catch (error) {
    throw new Error(describeEngineError(error));
  } finally {
    engine.free();
    // The engine does not close its connections when freed: close every pool it opened.
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => undefined)));
  }
}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return lastPanic ? `${error.message}\n${lastPanic}` : error.message;
  if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

type SchemaEngineApi = {
  free(): void;
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  devDiagnostic(input: unknown): Promise<{ action: { tag: "reset"; reason: string } | { tag: "createMigration" } }>;
  createMigration(input: unknown): Promise<{ generatedMigrationName: string; migrationScript: string | null; extension: string }>;
  diagnoseMigrationHistory(input: unknown): Promise<{
    editedMigrationNames: string[];
    failedMigrationNames: string[];
    hasMigrationsTable: boolean;
    history: null | { diagnostic: string; unappliedMigrationNames?: string[]; unpersistedMigrationNames?: string[] };
  }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  reset(input: unknown): Promise<void>;
};

/** Applies every migration not yet applied. Returns the names applied. */
export async function deployMigrations(url: string): Promise<string[]> {
  return withEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: readMigrations(), filters });
    return appliedMigrationNames;
  });
}

/** The SQL that would bring the migrations in line with schema.prisma ("" when there is no drift). Uses a shadow database. */
export async function diffMigrationsToSchema(url: string, schemaContent?: string): Promise<string> {
  return withEngine(url, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrations() },
      to: { tag: "schemaDatamodel", ...readSchema(schemaContent) },
      script: true,
      exitCode: true,
      filters,
    });
    return result.exitCode === 2 ? stripEmpty((result.stdout ?? "").trim()) : "";
  });
}

function stripEmpty(sql: string) {
  return /^-- This is an empty migration\.?$/.test(sql) ? "" : sql;
}

function timestamp(now = new Date()) {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
}

function writeMigration(name: string, sql: string) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "migration";
  const dir = path.join(migrationsDir, `${timestamp()}_${slug}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql.endsWith("\n") ? sql : `${sql}\n`);
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!existsSync(lock)) {
    writeFileSync(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  return dir;
}

/** `migrate dev`: apply pending migrations, write a new one from the schema changes, apply it. */
export async function createAndApplyMigration(url: string, name: string, options: { draft?: boolean } = {}) {
  return withEngine(url, async (engine) => {
    const diagnostic = await engine.devDiagnostic({ migrationsList: readMigrations(), filters });
    if (diagnostic.action.tag === "reset") {
      throw new Error(`The database has drifted from the migrations: ${diagnostic.action.reason}\nRun npm run db:reset (this deletes the data).`);
    }
    await engine.applyMigrations({ migrationsList: readMigrations(), filters });
    const created = await engine.createMigration({
      draft: Boolean(options.draft),
      migrationName: name,
      migrationsList: readMigrations(),
      schema: readSchema(),
      filters,
    });
    const sql = created.migrationScript ?? "";
    if (!options.draft && !sql.trim()) return { dir: null, applied: [] as string[] };
    const dir = writeMigration(name, sql.trim() ? sql : "-- Write the SQL for this migration by hand.\n");
    const applied = options.draft ? [] : (await engine.applyMigrations({ migrationsList: readMigrations(), filters })).appliedMigrationNames;
    return { dir, applied };
  });
}

export async function migrationStatus(url: string) {
  return withEngine(url, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList: readMigrations(), optInToShadowDatabase: false, filters }),
  );
}

/** Drops everything in the database and applies every migration. */
export async function resetDatabase(url: string) {
  return withEngine(url, async (engine) => {
    await engine.reset({ filter: filters });
    return (await engine.applyMigrations({ migrationsList: readMigrations(), filters })).appliedMigrationNames;
  });
}

/** Prisma's checksum of a migration file (sha256 of its bytes), for tests and diagnostics. */
export function checksumOf(sql: string) {
  return createHash("sha256").update(sql).digest("hex");
}
