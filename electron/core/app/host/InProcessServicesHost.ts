/**
 * NimbusServices in the calling thread: for tests and tools where a worker thread buys nothing.
 * Same contract as WorkerServicesHost, so front ends can take either.
 */
import {
  API_CALL_NAMES,
  ErrorCode,
  fail,
  ok,
  type ApiCallName,
  type ApiResult,
  type Result,
} from '../../../shared/api';
import type { NimbusServices } from '../services';
import { hostedServices, type HostedServicesOptions } from './hostedServices';
import { ProgressHub, type ProgressListener, type ServicesHost } from './types';

export class InProcessServicesHost implements ServicesHost {
  private closed = false;

  private constructor(
    private readonly services: NimbusServices,
    private readonly progress: ProgressHub,
  ) {}

  static create(opts: HostedServicesOptions): InProcessServicesHost {
    const progress = new ProgressHub();
    return new InProcessServicesHost(
      hostedServices(opts, (e) => progress.emit(e)),
      progress,
    );
  }

  dispatch<N extends ApiCallName>(name: N, payload: unknown): Promise<ApiResult<N>> {
    if (this.closed)
      return Promise.resolve(fail(ErrorCode.engineUnavailable, 'The tutor has been shut down.') as ApiResult<N>);
    if (!(API_CALL_NAMES as string[]).includes(name))
      return Promise.resolve(fail(ErrorCode.invalidRequest, `There is no call "${String(name)}".`) as ApiResult<N>);
    return this.services.dispatch(name, payload);
  }

  async open(): Promise<Result<null>> {
    try {
      await this.services.session();
      return ok(null);
    } catch (e) {
      return fail(ErrorCode.engineUnavailable, e instanceof Error ? e.message : String(e));
    }
  }

  onProgress(listener: ProgressListener): () => void {
    return this.progress.on(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
