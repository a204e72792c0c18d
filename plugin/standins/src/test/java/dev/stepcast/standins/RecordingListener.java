package dev.stepcast.standins;

import dev.stepcast.engine.StepEvent;
import dev.stepcast.engine.StepListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;

/** Records step events; answers {@link #wantsPreview} from a predicate and records each question. */
class RecordingListener implements StepListener {

    final List<StepEvent> events = new CopyOnWriteArrayList<>();
    final List<Integer> asked = new CopyOnWriteArrayList<>();
    private final IntPredicate wants;

    RecordingListener(IntPredicate wants) {
        this.wants = wants;
    }

    static RecordingListener wantingAll() {
        return new RecordingListener(s -> true);
    }

    static RecordingListener wantingNone() {
        return new RecordingListener(s -> false);
    }

    @Override
    public void onStep(StepEvent event) {
        events.add(event);
    }

    @Override
    public boolean wantsPreview(int step) {
        asked.add(step);
        return wants.test(step);
    }

    List<Integer> steps() {
        return events.stream().map(StepEvent::step).toList();
    }

    List<StepEvent> withPreview() {
        return events.stream().filter(e -> e.preview() != null).toList();
    }
}
