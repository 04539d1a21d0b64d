// Attachments: the API answers `POST /tickets/{number}/attachments` with the record and a presigned
// POST (`url`, `fields`) for exactly that size and type; the file goes straight to storage from the
// browser (XMLHttpRequest: fetch has no upload progress), never through the API.
import { post, type Schemas } from "./client";

export type UploadProgress = (fraction: number) => void;

/** The form fields the presigned POST needs (any order), then the file last, as S3 requires. */
export function presignedForm(fields: Record<string, string>, file: Blob): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", file);
  return form;
}

/** Send `file` to a presigned POST, reporting progress (0..1); rejects with the storage's status. */
export function sendToPresignedPost(
  url: string,
  fields: Record<string, string>,
  file: Blob,
  onProgress: UploadProgress = () => undefined,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new Error(`upload refused (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("upload failed (network)"));
    xhr.onabort = () => reject(new DOMException("upload aborted", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(presignedForm(fields, file));
  });
}

/** Register an attachment on a ticket (optionally of one comment) and upload its bytes. */
export async function uploadAttachment(options: {
  token: string;
  ticketNumber: string;
  file: File;
  isPublic: boolean;
  commentId?: string;
  onProgress?: UploadProgress;
  signal?: AbortSignal;
}): Promise<Schemas["AttachmentOut"]> {
  const created = await post("/tickets/{number}/attachments", {
    token: options.token,
    params: { number: options.ticketNumber },
    body: {
      file_name: options.file.name,
      file_size: options.file.size,
      file_type: options.file.type || "application/octet-stream",
      is_public: options.isPublic,
      comment_id: options.commentId ?? null,
    },
    signal: options.signal,
  });
  await sendToPresignedPost(
    created.upload.url,
    created.upload.fields,
    options.file,
    options.onProgress,
    options.signal,
  );
  return created.attachment;
}
