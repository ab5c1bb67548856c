import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { TaskWriteService } from '../../writes/task-write.service';
import { CREATE, UPDATE } from '../core/annotations';
import { metaShape } from '../core/common-schemas';
import { AnyToolDefinition, defineTool, Toolset } from '../core/tool-definition';
import { ToolMetaService } from '../core/tool-meta.service';
import {
  dueDateField,
  dueTimeField,
  estimateField,
  peopleField,
  priorityEnum,
  renderDetail,
  scopeFields,
  taskDetailShape,
  taskField,
} from './tasks.schemas';

const output = z.object({ ...metaShape, message: z.string().describe('What was done.'), ...taskDetailShape });
const statusField = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .optional()
  .describe("Status name of the task's list (case-insensitive); an unknown one lists the allowed statuses.");
const descriptionField = z.string().max(20_000).optional();

/**
 * The tasks toolset, write side: changes go to ClickUp through the one client, then the task is
 * read back and stored, so the returned task (and every later read) reflects the change.
 */
@Injectable()
export class TasksWriteTools implements Toolset {
  readonly name = 'tasks' as const;

  constructor(
    private readonly writes: TaskWriteService,
    private readonly meta: ToolMetaService,
  ) {}

  tools(): AnyToolDefinition[] {
    return [
      defineTool({
        name: 'create_task',
        toolset: 'tasks',
        title: 'Create a task',
        annotations: CREATE,
        write: true,
        description:
          'Create a task in a list: name, description, status, priority, assignees by name, due date, estimate, tags, parent (makes a subtask). Returns the stored task.',
        input: z.object({
          list: z.string().trim().min(1).max(200).describe('List to create the task in: id or name.'),
          space: scopeFields.space,
          name: z.string().trim().min(1).max(1000).describe('Task name.'),
          description: descriptionField.describe('Plain-text description.'),
          status: statusField,
          priority: priorityEnum.optional().describe('urgent, high, normal or low.'),
          assignees: peopleField('Assignees'),
          due_date: dueDateField.optional().describe('Due date YYYY-MM-DD (report time zone); without due_time, due at the end of that day.'),
          due_time: dueTimeField,
          estimate: estimateField,
          tags: z.array(z.string().trim().min(1).max(100)).max(20).optional().describe('Tag names.'),
          parent: taskField.optional().describe('Parent task (id, custom id or exact name) in the same list: creates a subtask.'),
        }),
        output,
        handler: async (a) => ({ ...(await this.meta.meta()), ...(await this.writes.create(a)) }),
        render: (o) => `${o.message}\n${renderDetail(o)}`,
      }),
      defineTool({
        name: 'update_task',
        toolset: 'tasks',
        title: 'Update a task',
        annotations: UPDATE,
        write: true,
        description:
          'Change a task: status, priority, name, description, due date, estimate; add or remove assignees by name. Only the given fields change. Returns the stored task.',
        input: z.object({
          task: taskField,
          name: z.string().trim().min(1).max(1000).optional().describe('New name.'),
          description: descriptionField.describe('New plain-text description ("" clears it).'),
          status: statusField,
          priority: z.enum(['urgent', 'high', 'normal', 'low', 'none']).optional().describe('urgent, high, normal, low, or none to clear.'),
          due_date: dueDateField.optional().describe('New due date YYYY-MM-DD (report time zone), or none to clear.'),
          due_time: dueTimeField,
          estimate: estimateField.describe('New estimate: minutes ("90"), "2h 30m" or "1.5h"; none clears it.'),
          add_assignees: peopleField('People to add as assignees'),
          remove_assignees: peopleField('People to remove from the assignees'),
        }),
        output,
        handler: async (a) => ({ ...(await this.meta.meta()), ...(await this.writes.update(a)) }),
        render: (o) => `${o.message}\n${renderDetail(o)}`,
      }),
    ];
  }
}
