// Column types shared by the features' table types (src/features/*/*.tables.ts): what a timestamptz or json column
// reads as and accepts. Types only; imports nothing but kysely.
import type { ColumnType } from 'kysely'

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
export type Json<T> = ColumnType<T, string, string>
