export async function seedDemoContracts(): Promise<void> {}
