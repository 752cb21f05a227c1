// The Java recipe of docs/LANGUAGES.md, compiled and run: quicktype's classes (package
// `taxonomy`, generated from schema/error-taxonomy.schema.json) with Jackson. A receiver's
// ObjectMapper accepts the fields a server adds; every good webhook sample decodes into its
// version or shape; an open position is a String, which each table's enum reads when the code
// is known (forValue) and leaves as it came when not; every code of schema/codes.json is a
// member of its table's enum.

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import taxonomy.MeetbotFailureCode;
import taxonomy.MeetbotJobFailedV1;
import taxonomy.MeetbotJobFailedV2;
import taxonomy.RecallStatusChange;
import taxonomy.RecallStatusWebhookCurrent;
import taxonomy.RecallStatusWebhookLegacy;
import taxonomy.RecallSubCode;

public final class Main {
    private static int checked = 0;

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(what);
        }
        checked++;
    }

    /** The known failure code, or null where the code is one this version does not know. */
    private static MeetbotFailureCode failureCode(String raw) {
        try {
            return MeetbotFailureCode.forValue(raw);
        } catch (IOException unknown) {
            return null;
        }
    }

    private static RecallSubCode subCode(String raw) {
        try {
            return raw == null ? null : RecallSubCode.forValue(raw);
        } catch (IOException unknown) {
            return null;
        }
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        JsonNode codes = new ObjectMapper().readTree(root.resolve("schema/codes.json").toFile());
        List<String> failureCodes = new ArrayList<>();
        List<String> subCodes = new ArrayList<>();
        for (JsonNode table : codes.get("tables")) {
            String name = table.get("table").asText();
            for (JsonNode card : table.get("codes")) {
                String code = card.get("code").asText();
                if (name.equals("meetbot.failure_code")) {
                    failureCodes.add(code);
                    check(failureCode(code).toValue().equals(code), code);
                } else if (name.equals("recall.sub_code")) {
                    subCodes.add(code);
                    check(subCode(code).toValue().equals(code), code);
                }
            }
        }
        check(failureCode("host_denid_admission") == null, "a misspelled code is no member");

        ObjectMapper receiver = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Path good = root.resolve("tests/consumers/samples/good");
        try (DirectoryStream<Path> samples = Files.newDirectoryStream(good, "{MeetbotJobFailed,RecallStatusWebhook}--*.json")) {
            for (Path sample : samples) {
                String name = sample.getFileName().toString();
                JsonNode tree = receiver.readTree(sample.toFile());
                if (name.startsWith("MeetbotJobFailed")) {
                    String raw;
                    if (tree.path("version").asInt(1) == 2) {
                        raw = receiver.treeToValue(tree, MeetbotJobFailedV2.class).getData().getFailureCode();
                    } else {
                        MeetbotJobFailedV1 v1 = receiver.treeToValue(tree, MeetbotJobFailedV1.class);
                        check(v1.getData().getFailureReason() != null, name + ": failure_reason");
                        continue;
                    }
                    check(raw != null, name + ": failure_code");
                    check((failureCode(raw) != null) == failureCodes.contains(raw), name + ": " + raw);
                } else {
                    RecallStatusChange change;
                    if (tree.path("event").asText().equals("bot.status_change")) {
                        change = receiver.treeToValue(tree, RecallStatusWebhookLegacy.class).getData().getStatus();
                    } else {
                        change = receiver.treeToValue(tree, RecallStatusWebhookCurrent.class).getData().getData();
                    }
                    String raw = change.getSubCode();
                    check(raw == null || (subCode(raw) != null) == subCodes.contains(raw), name + ": " + raw);
                }
            }
        }

        // A plain ObjectMapper refuses a field a server adds, which a receiver must accept.
        JsonNode seed = receiver.readTree(good.resolve("MeetbotJobFailed--seed-v2.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) seed.get("data")).put("addedTomorrow", 1);
        try {
            new ObjectMapper().treeToValue(seed, MeetbotJobFailedV2.class);
            check(false, "a plain ObjectMapper accepted an added field");
        } catch (UnrecognizedPropertyException refused) {
            check(true, "a plain ObjectMapper refuses an added field");
        }
        check(receiver.treeToValue(seed, MeetbotJobFailedV2.class).getVersion() == 2, "the receiver accepts it");
        System.out.println("java: " + checked + " checks passed");
    }
}
