/** One status of a space/folder/list status set, as ClickUp defines it. */
export interface StatusDefinition {
  id?: string | null;
  status: string;
  type: string;
  orderindex: number;
  color?: string | null;
}
