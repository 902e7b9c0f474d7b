// A 实施编码 of the national shape for test items: an 18-character credit code made from `n`, then the 基本编码.
export function itemCode(n: number, basicCode = '000299001000'): string {
  return `11420199MB${String(n).padStart(7, '0')}X${basicCode}`
}
