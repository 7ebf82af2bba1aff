package org.scapscope.store;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * How long a server may take to answer. A read timeout notices a server that goes silent, not one
 * that sends a byte now and then: without a deadline such a server holds a listing for ever. The
 * headers of every answer must arrive within the deadline, and so must the whole body of an answer
 * that is not capture data (listings, metadata, errors: all small). The bytes of a capture may
 * take as long as they take while they keep coming, and so may an upload; the read and write
 * timeouts watch those.
 */
final class AnswerDeadline implements Interceptor {
    private static final ScheduledExecutorService TIMER = timer();

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "s3-answer-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // an answer in time takes its alarm away at once, with the call it holds
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Request bodies up to this size (metadata, deletions) are sent within the deadline. */
    private static final long SMALL = 1 << 20;

    private final Duration deadline;

    AnswerDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (sendsCaptureData(chain.request())) {
            // the answer follows the upload, however long that takes
            return chain.proceed(chain.request());
        }
        Call call = chain.call();
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> alarm = TIMER.schedule(() -> {
            late.set(true);
            call.cancel();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            alarm.cancel(false);
            throw late.get() ? tooLate(e) : e;
        }
        ResponseBody body = response.body();
        if (body == null || isCaptureData(chain.request(), response)) {
            if (!alarm.cancel(false) && late.get()) {
                // the alarm went off as the headers came: the call is cancelled, and said so
                response.close();
                throw tooLate(null);
            }
            return response;
        }
        BufferedSource watched = Okio.buffer(new ForwardingSource(body.source()) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                try {
                    long n = super.read(sink, byteCount);
                    if (n < 0) {
                        alarm.cancel(false);
                    }
                    return n;
                } catch (IOException e) {
                    alarm.cancel(false);
                    throw late.get() ? tooLate(e) : e;
                }
            }

            @Override
            public void close() throws IOException {
                alarm.cancel(false);
                super.close();
            }
        });
        return response.newBuilder()
                .body(ResponseBody.Companion.create(watched, body.contentType(), body.contentLength()))
                .build();
    }

    /**
     * An upload of a capture, of a part of one, or the request that joins the parts: its time is the
     * time its bytes take to go, or for the last, the time the server takes to join them (minutes on
     * AWS for a large capture, during which it sends blanks now and then).
     */
    private static boolean sendsCaptureData(Request request) throws IOException {
        return request.url().queryParameter("uploadId") != null
                || request.body() != null && (request.body().contentLength() < 0 || request.body().contentLength() > SMALL);
    }

    /** The bytes of a capture being downloaded: a GET of {@code ID.scap} or {@code ID.scap.gz} that is answered. */
    private static boolean isCaptureData(Request request, Response response) {
        List<String> path = request.url().pathSegments();
        String last = path.isEmpty() ? "" : path.get(path.size() - 1);
        return request.method().equals("GET") && (response.code() == 200 || response.code() == 206)
                && (last.endsWith(".scap") || last.endsWith(".scap.gz"));
    }

    private SocketTimeoutException tooLate(IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException("the server did not answer within "
                + deadline.toSeconds() + " s");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
