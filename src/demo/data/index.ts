// The demo district's data (facts of the district report); see check.ts for the facts verified.
export { centers, villageCodes, townCodes } from './centers.js'
export { departments, deptCreditCodes } from './departments.js'
export { windows } from './windows.js'
export { staff } from './staff.js'
export { districtItems, expectedDistrictItemCounts } from './items-district.js'
export { townItems, expectedTownItemCounts, expectedTownCategoryCounts } from './items-town.js'
export { towns } from './towns.js'
export { checkDemoData } from './check.js'
