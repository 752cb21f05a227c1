//! The exported JSON Schema: deterministic, stable for published codes, exact for every code, and
//! proven by a validator on every code and every payload sample. (The committed copy is kept
//! fresh by `cargo xtask codegen --check`, which `xtask/tests` runs.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use error_taxonomy::meetbot::{Delivery, Failure, FailureCode, JobFailed};
use error_taxonomy::recall::{StatusChange, StatusWebhook};
use error_taxonomy::schema::{SCHEMA_ID, bundle, bundle_text};
use error_taxonomy::{DecodeError, Table, hiring};
use serde_json::{Value, json};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A validator for one `$defs` entry of the bundle.
fn validator(def: &str) -> jsonschema::Validator {
    let bundle = bundle();
    assert!(bundle["$defs"].get(def).is_some(), "no $defs/{def}");
    let schema = json!({
        "$schema": bundle["$schema"],
        "$id": bundle["$id"],
        "$ref": format!("#/$defs/{def}"),
        "$defs": bundle["$defs"],
    });
    jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{def}: {e}"))
}

/// The codes of each code type in a bundle: `$defs` name to its `const`s.
fn codes_of(schema: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let defs = schema["$defs"].as_object().expect("$defs");
    defs.iter()
        .filter_map(|(name, def)| {
            let one_of = def.get("oneOf")?.as_array()?;
            let codes: BTreeSet<String> = one_of
                .iter()
                .filter_map(|entry| entry.get("const")?.as_str().map(str::to_owned))
                .collect();
            (!codes.is_empty() && codes.len() == one_of.len()).then(|| (name.clone(), codes))
        })
        .collect()
}

#[test]
fn the_bundle_is_deterministic() {
    assert_eq!(bundle_text(), bundle_text());
}

#[test]
fn the_bundle_is_draft_2020_12_with_every_type() {
    let schema = bundle();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], SCHEMA_ID);
    assert!(SCHEMA_ID.ends_with(&format!(":v{}", env!("CARGO_PKG_VERSION_MAJOR"))));
    let defs = schema["$defs"].as_object().expect("$defs");
    // The root is an index that generators read: an object whose properties name each published
    // type, in snake_case, and which admits nothing else.
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema.get("anyOf").is_none() && schema.get("oneOf").is_none());
    let index = schema["properties"].as_object().expect("properties");
    let refs: BTreeSet<String> = index
        .values()
        .map(|r| {
            r["$ref"]
                .as_str()
                .expect("$ref")
                .trim_start_matches("#/$defs/")
                .to_owned()
        })
        .collect();
    let published: BTreeSet<String> = error_taxonomy::schema::published().collect();
    assert_eq!(refs, published, "the root indexes every published type");
    for (key, reference) in index {
        let name = reference["$ref"]
            .as_str()
            .expect("$ref")
            .trim_start_matches("#/$defs/");
        assert_eq!(key.replace('_', ""), name.to_ascii_lowercase(), "{key}");
    }
    let names: BTreeSet<String> = defs.keys().cloned().collect();
    assert!(published.is_subset(&names));
    for (name, def) in defs {
        assert_eq!(
            def["title"],
            name.as_str(),
            "every $def is titled with its name"
        );
    }
    for table in Table::ALL {
        assert!(names.contains(table.type_name()), "{table}");
    }
    for payload in [
        "MeetbotJobFailed",
        "RecallStatusWebhook",
        "RecallStatusChange",
        "RecallErrorBody",
        "HiringProblem",
    ] {
        assert!(names.contains(payload), "{payload}");
    }
}

#[test]
fn every_code_is_a_documented_const_with_its_facts() {
    let schema = bundle();
    let codes = codes_of(&schema);
    for table in Table::ALL {
        let def = &schema["$defs"][table.type_name()];
        assert_eq!(def["description"], table.doc());
        let entries = def["oneOf"].as_array().expect("oneOf");
        assert_eq!(entries.len(), table.len(), "{table}");
        assert_eq!(codes[table.type_name()].len(), table.len(), "{table}");
        for (entry, code) in entries.iter().zip(table.codes()) {
            assert_eq!(entry["const"], code.as_str());
            assert!(entry.get("type").is_none(), "no type beside const");
            assert_eq!(entry["description"], code.description());
            let mut expected = vec!["const", "description"];
            let mut keys = Vec::new();
            for (column, value) in code.values() {
                let key = format!("x-{}", column.name.replace('_', "-"));
                let Some(value) = value else {
                    assert!(entry.get(&key).is_none(), "{table} {code}: {key}");
                    continue;
                };
                assert_eq!(
                    entry[&key],
                    serde_json::to_value(value).expect("JSON"),
                    "{code}"
                );
                if let error_taxonomy::columns::Value::Term(term) = value {
                    if let Some(n) = term.parameter() {
                        let suffix = term.vocabulary().parameter_key().expect("a key");
                        let key = format!("{key}-{}", suffix.replace('_', "-"));
                        assert_eq!(entry[&key], n, "{code}");
                        keys.push(key);
                    }
                }
                keys.push(key);
            }
            if let Some(note) = code.override_note() {
                assert_eq!(entry["x-override"], note);
                // Which columns it overrides, as the card says.
                assert_eq!(entry["x-overrides"], serde_json::json!(code.overrides()));
                assert!(!code.overrides().is_empty(), "{code}");
                keys.push("x-override".into());
                keys.push("x-overrides".into());
            }
            if let Some(note) = code.deprecation() {
                assert_eq!(entry["deprecated"], true);
                assert_eq!(entry["x-deprecation"], note);
                expected.extend(["deprecated", "x-deprecation"]);
            }
            expected.extend(keys.iter().map(String::as_str));
            expected.sort_unstable();
            let mut actual: Vec<&str> = entry
                .as_object()
                .expect("object")
                .keys()
                .map(String::as_str)
                .collect();
            actual.sort_unstable();
            assert_eq!(actual, expected, "{table} {code}");
        }
    }
}

#[test]
fn every_code_validates_and_near_misses_do_not() {
    for table in Table::ALL {
        let validator = validator(table.type_name());
        for code in table.codes() {
            let value = serde_json::to_value(code).expect("serialize");
            assert!(validator.is_valid(&value), "{table}: {code}");
            let mut miss = code.as_str().to_owned();
            miss.push('x');
            assert!(!validator.is_valid(&json!(miss)), "{table}: {miss}");
        }
        assert!(!validator.is_valid(&json!(42)));
        assert!(!validator.is_valid(&json!(null)));
    }
}

#[test]
fn payload_samples_validate_or_fail_as_named() {
    let dir = root().join("tests/consumers/samples");
    let mut seen = 0;
    for (kind, valid) in [("good", true), ("bad", false)] {
        let mut entries: Vec<_> = std::fs::read_dir(dir.join(kind))
            .expect("samples")
            .flatten()
            .collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name().into_string().expect("UTF-8 name");
            let def = name.split("--").next().expect("<Def>--<name>.json");
            let sample: Value =
                serde_json::from_slice(&std::fs::read(entry.path()).expect("read")).expect("JSON");
            let validator = validator(def);
            assert_eq!(
                validator.is_valid(&sample),
                valid,
                "{kind}/{name}: {:?}",
                validator.validate(&sample).err()
            );
            seen += 1;
        }
    }
    assert!(seen >= 20, "only {seen} samples");
}

#[test]
fn what_the_crate_writes_validates() {
    let delivery = Delivery {
        delivery_id: "dlv_1",
        emitted_at: "2026-05-09T14:00:00.000Z",
        attempt: 1,
    };
    for code in FailureCode::ALL {
        let failure = Failure {
            job_id: "job_1",
            code,
            detail: "detail",
            recorded: Duration::from_secs(600),
            manifest_uri: Some("s3://bucket/manifest.json"),
        };
        let event = JobFailed::v2(delivery, failure).expect("encode");
        let value = serde_json::to_value(&event).expect("serialize");
        assert!(
            validator("MeetbotJobFailed").is_valid(&value),
            "{code}: {value}"
        );
    }
    let problem = validator("HiringProblem");
    for code in hiring::ErrorCode::ALL {
        let value = serde_json::to_value(hiring::ErrorResponse::new(code).detail("d").problem())
            .expect("serialize");
        assert!(problem.is_valid(&value), "{code}");
    }
    let change: StatusChange =
        serde_json::from_slice(br#"{"code": "fatal", "sub_code": "meeting_full"}"#)
            .expect("decode");
    let value = serde_json::to_value(&change).expect("serialize");
    assert!(validator("RecallStatusChange").is_valid(&value), "{value}");
}

/// The payload schemas hold for what the crate writes too, as a user's generator for schemars'
/// serialize contract (`for_serialize`) derives them: a field the crate leaves out when it is
/// `None` is not required there either.
#[test]
fn what_the_crate_writes_validates_against_the_serialize_schema() {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<JobFailed>();
    let validator = jsonschema::draft202012::new(&schema.to_value()).expect("a valid schema");
    let delivery = Delivery {
        delivery_id: "dlv_1",
        emitted_at: "2026-05-09T14:00:00.000Z",
        attempt: 1,
    };
    let mut written = Vec::new();
    for code in FailureCode::ALL {
        // Billed or not: a run under the billing threshold leaves `manifestUri` out.
        for recorded in [Duration::from_secs(5), Duration::from_secs(600)] {
            let failure = Failure {
                job_id: "job_1",
                code,
                detail: "detail",
                recorded,
                manifest_uri: Some("s3://bucket/manifest.json"),
            };
            let event = JobFailed::v2(delivery, failure).expect("encode");
            written.push(serde_json::to_value(&event).expect("serialize"));
        }
    }
    // A v1 envelope read and written back: no failure_code, failure_detail, billed or manifest.
    let v1 = std::fs::read(root().join("tests/consumers/samples/good/MeetbotJobFailed--v1.json"))
        .expect("sample");
    let v1 = JobFailed::from_json(&v1).expect("decode");
    written.push(serde_json::to_value(&v1).expect("serialize"));
    assert!(
        written
            .iter()
            .any(|v| v["data"].get("manifestUri").is_none())
    );
    for value in &written {
        let errors: Vec<String> = validator
            .iter_errors(value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{value}: {errors:?}");
    }
}

/// What each decoder of the crate says about a sample: whether it decodes whole, as the schema
/// describes it (nothing unreadable, a known envelope version). What the decoders take beyond
/// that is pinned by `the_decoders_differ_from_the_schema_only_as_documented`.
fn decodes(def: &str, bytes: &[u8]) -> bool {
    use error_taxonomy::recall::{ErrorBody, StatusWebhook};
    match def {
        "MeetbotJobFailed" => JobFailed::from_json(bytes)
            .is_ok_and(|event| event.unreadable.is_empty() && event.version.is_known()),
        "RecallStatusWebhook" => {
            StatusWebhook::from_json(bytes).is_ok_and(|webhook| webhook.unreadable.is_empty())
        }
        "RecallStatusChange" => {
            StatusChange::from_json(bytes).is_ok_and(|change| change.unreadable.is_empty())
        }
        "RecallErrorBody" => ErrorBody::parse(bytes)
            .unreadable()
            .is_some_and(|unreadable| unreadable.is_empty()),
        "HiringProblem" => {
            hiring::Problem::from_json(bytes).is_ok_and(|problem| problem.unreadable.is_empty())
        }
        "MeetbotFailureCode" => serde_json::from_slice::<FailureCode>(bytes).is_ok(),
        "HiringErrorCode" => serde_json::from_slice::<hiring::ErrorCode>(bytes).is_ok(),
        other => panic!("no decoder for samples of {other}"),
    }
}

#[test]
fn the_decoders_agree_with_the_schema_on_every_sample() {
    let dir = root().join("tests/consumers/samples");
    for (kind, valid) in [("good", true), ("bad", false)] {
        for entry in std::fs::read_dir(dir.join(kind))
            .expect("samples")
            .flatten()
        {
            let name = entry.file_name().into_string().expect("UTF-8 name");
            let def = name.split("--").next().expect("<Def>--<name>.json");
            let bytes = std::fs::read(entry.path()).expect("read");
            assert_eq!(decodes(def, &bytes), valid, "{kind}/{name}");
        }
    }
}

/// Where the decoders and the schema part, each as docs/LANGUAGES.md documents it: JSON Schema
/// cannot say the first, and the last three are the decoders' tolerance.
#[test]
fn the_decoders_differ_from_the_schema_only_as_documented() {
    let good: Value = serde_json::from_slice(
        &std::fs::read(
            root().join("tests/consumers/samples/good/RecallStatusWebhook--current.json"),
        )
        .expect("sample"),
    )
    .expect("JSON");
    let webhook = validator("RecallStatusWebhook");
    let text = |value: &Value| serde_json::to_string(value).expect("text");

    // 1. A key twice: a schema validator sees the last one; the decoders refuse the body when it
    //    is a key they read, and ignore it otherwise.
    let twice = text(&good).replacen('{', r#"{"event": "bot.fatal","#, 1);
    let last_wins: Value = serde_json::from_str(&twice).expect("JSON");
    assert!(webhook.is_valid(&last_wins));
    let error = StatusWebhook::from_json(twice.as_bytes()).expect_err("a key twice");
    assert!(
        matches!(error, DecodeError::Duplicate { field: "event" }),
        "{error}"
    );
    let unknown_twice = text(&good).replacen('{', r#"{"extra": 1, "extra": 2,"#, 1);
    assert!(StatusWebhook::from_json(unknown_twice.as_bytes()).is_ok());

    // Nesting: no bound on either side (the decoders skip what they do not read at any depth).
    let mut deep = good.clone();
    let mut metadata = Value::Null;
    for _ in 0..1000 {
        metadata = Value::Array(vec![metadata]);
    }
    deep["data"]["bot"]["metadata"] = metadata;
    assert!(webhook.is_valid(&deep));
    assert!(StatusWebhook::from_json(text(&deep).as_bytes()).is_ok());

    // 2. A field of the wrong type, but for a required code (free text, a sub-code, a failure
    //    code, `billed`): the schema rejects the body; the decoders read the rest and name it.
    let mut odd = good.clone();
    odd["data"]["data"]["message"] = serde_json::json!(["not", "text"]);
    odd["data"]["data"]["sub_code"] = serde_json::json!(7);
    assert!(!webhook.is_valid(&odd));
    let odd = text(&odd);
    let read = StatusWebhook::from_json(odd.as_bytes()).expect("the rest is read");
    assert_eq!(
        read.unreadable.iter().collect::<Vec<_>>(),
        ["data.data.sub_code", "data.data.message"]
    );
    let mut required = good.clone();
    required["data"]["data"]["code"] = serde_json::json!(7);
    assert!(!webhook.is_valid(&required));
    let required = text(&required);
    assert!(
        StatusWebhook::from_json(required.as_bytes()).is_err(),
        "a required code"
    );

    // 3. An envelope version this crate does not know: the schema rejects it; the decoder reads
    //    it like the newest it knows.
    let v3 =
        std::fs::read(root().join("tests/consumers/samples/bad/MeetbotJobFailed--version-3.json"))
            .expect("sample");
    assert!(!validator("MeetbotJobFailed").is_valid(&serde_json::from_slice(&v3).expect("JSON")));
    let read = JobFailed::from_json(&v3).expect("read like v2");
    assert_eq!(read.version, error_taxonomy::meetbot::Version::Unknown(3));

    // 4. `null` or nothing where a value is required: the schema rejects it; the decoder names
    // it, and answers that it does not know, in v2 as in a version it does not know.
    let seed: Value = serde_json::from_slice(
        &std::fs::read(root().join("tests/consumers/samples/good/MeetbotJobFailed--seed-v2.json"))
            .expect("sample"),
    )
    .expect("JSON");
    let mut null = seed.clone();
    null["data"]["failure_code"] = Value::Null;
    assert!(!validator("MeetbotJobFailed").is_valid(&null));
    let null = text(&null);
    let read = JobFailed::from_json(null.as_bytes()).expect("the rest is read");
    assert_eq!(
        read.unreadable.iter().collect::<Vec<_>>(),
        ["data.failure_code"]
    );
    let mut absent = seed.clone();
    absent["data"]
        .as_object_mut()
        .expect("data")
        .remove("failure_code");
    assert!(!validator("MeetbotJobFailed").is_valid(&absent));
    for version in [2, 3] {
        absent["version"] = version.into();
        let body = text(&absent);
        let read = JobFailed::from_json(body.as_bytes()).expect("the rest is read");
        assert_eq!(
            read.unreadable.iter().collect::<Vec<_>>(),
            ["data.failure_code"]
        );
        assert_eq!(read.failure_code(), None, "no guess from the text");
        assert!(read.guess().is_some(), "a guess, apart and labelled");
    }

    // Where a payload cannot go on without the value, `null` is refused, as the schema does.
    let mut no_id = seed.clone();
    no_id["deliveryId"] = Value::Null;
    assert!(!validator("MeetbotJobFailed").is_valid(&no_id));
    assert!(JobFailed::from_json(text(&no_id).as_bytes()).is_err());
    let mut no_code = good.clone();
    no_code["data"]["data"]["code"] = Value::Null;
    assert!(!webhook.is_valid(&no_code));
    assert!(StatusWebhook::from_json(text(&no_code).as_bytes()).is_err());
    assert!(error_taxonomy::hiring::Problem::from_json(br#"{"code": null}"#).is_err());

    // docs/LANGUAGES.md names each of the four.
    let readme = std::fs::read_to_string(root().join("docs/LANGUAGES.md")).expect("docs");
    for difference in [
        "A key twice",
        "A field of the wrong type",
        "An envelope version",
        "`null` or nothing where a value is required",
    ] {
        assert!(
            readme.contains(difference),
            "docs/LANGUAGES.md lacks {difference:?}"
        );
    }
}

/// Every node of a JSON document, depth first.
fn nodes(value: &Value) -> Vec<&Value> {
    let mut found = vec![value];
    match value {
        Value::Object(object) => object.values().for_each(|v| found.extend(nodes(v))),
        Value::Array(items) => items.iter().for_each(|v| found.extend(nodes(v))),
        _ => {}
    }
    found
}

#[test]
fn the_shape_is_one_that_generators_read_right() {
    let schema = bundle();
    let defs = &schema["$defs"];
    // One $def per version of a union, told apart by an integer `version` or the `event`.
    let versions = |def: &str| -> Vec<String> {
        defs[def]["oneOf"]
            .as_array()
            .expect("oneOf")
            .iter()
            .map(|v| v["$ref"].as_str().expect("a $ref").replace("#/$defs/", ""))
            .collect()
    };
    assert_eq!(
        versions("MeetbotJobFailed"),
        ["MeetbotJobFailedV1", "MeetbotJobFailedV2"]
    );
    assert_eq!(
        versions("RecallStatusWebhook"),
        ["RecallStatusWebhookCurrent", "RecallStatusWebhookLegacy"]
    );
    assert_eq!(
        defs["MeetbotJobFailedV2"]["properties"]["version"],
        json!({"type": "integer", "const": 2})
    );
    // An envelope without `version` is v1; `version: null` is refused, by the decoder too.
    let v1 = &defs["MeetbotJobFailedV1"];
    assert_eq!(
        v1["properties"]["version"],
        json!({"type": "integer", "const": 1})
    );
    let required = v1["required"].as_array().expect("required");
    assert!(!required.contains(&json!("version")), "{required:?}");
    for node in nodes(&schema) {
        let Some(object) = node.as_object() else {
            continue;
        };
        assert!(!object.contains_key("discriminator"));
        if let Some(branches) = object.get("anyOf").and_then(Value::as_array) {
            assert!(
                branches.iter().all(|b| b.get("anyOf").is_none()),
                "a nested anyOf: {node}"
            );
            // An open position: the code type, any string, and null where it may be absent; the
            // note that says so is on the position.
            if branches.iter().any(|b| b == &json!({"type": "string"})) {
                let description = object["description"].as_str().expect("described");
                assert!(
                    description.ends_with("servers add codes without notice."),
                    "{node}"
                );
            }
        }
        // `type` beside a `const` only for an integer, so that generators emit an integer.
        if object.contains_key("const") && object.contains_key("type") {
            assert_eq!(object["type"], "integer", "{node}");
        }
    }
}

/// A committed JSON file of the repository.
fn committed(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).expect(path);
    serde_json::from_str(&text).expect(path)
}

/// The generator writes `schema/codes.json` from its model; the crate's `Card` reads the compiled
/// enums. Every card must be the same object on both sides.
#[test]
fn the_codes_catalogue_has_every_fact_and_its_own_schema() {
    let codes = committed("schema/codes.json");
    let schema = committed("schema/codes.schema.json");
    assert_eq!(codes["version"], error_taxonomy::VERSION);
    let validator = jsonschema::draft202012::new(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&codes)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let tables = codes["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), Table::ALL.len());
    for (entry, table) in tables.iter().zip(Table::ALL) {
        assert_eq!(entry["table"], table.name());
        assert_eq!(entry["type"], table.type_name());
        let cards: Vec<Value> = table
            .codes()
            .map(|code| serde_json::to_value(error_taxonomy::Card::of(code)).expect("card"))
            .collect();
        assert_eq!(entry["codes"], Value::Array(cards), "{table}");
        match table.unknown_code() {
            Some(unknown) => {
                assert_eq!(entry["unknown_code"]["reason"], unknown.reason);
                for (fact, value) in unknown.facts {
                    assert_eq!(entry["unknown_code"][fact], json!(value));
                }
            }
            None => assert_eq!(entry["unknown_code"], Value::Null),
        }
    }
    // The schema refuses what is not a catalogue.
    let mut broken = codes.clone();
    broken["tables"][0]["codes"][0]["billing"] = json!("sometimes");
    assert!(!validator.is_valid(&broken));
    broken = codes;
    broken["tables"][0]["codes"][0]["surprise"] = json!(1);
    assert!(!validator.is_valid(&broken));
}

#[test]
fn the_openapi_document_has_the_types_and_a_response_per_hiring_status() {
    let document = error_taxonomy::schema::openapi();
    assert_eq!(document["openapi"], "3.1.1");
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    let schemas = document["components"]["schemas"]
        .as_object()
        .expect("schemas");
    let defs = bundle()["$defs"].as_object().expect("$defs").clone();
    assert_eq!(
        schemas.keys().collect::<Vec<_>>(),
        defs.keys().collect::<Vec<_>>()
    );
    for node in nodes(&document) {
        if let Some(target) = node.get("$ref").and_then(Value::as_str) {
            assert!(target.starts_with("#/components/"), "{target}");
            let name = target.rsplit('/').next().expect("a name");
            let kind = target.split('/').nth(2).expect("a kind");
            assert!(
                document["components"][kind].get(name).is_some(),
                "dangling {target}"
            );
        }
    }
    let responses = document["components"]["responses"]
        .as_object()
        .expect("responses");
    let statuses: BTreeSet<u16> = hiring::ErrorCode::ALL
        .iter()
        .map(|c| c.http_status())
        .collect();
    assert_eq!(responses.len(), statuses.len());
    for status in statuses {
        let response = &responses[&format!("HiringProblem{status}")];
        let codes: Vec<hiring::ErrorCode> = hiring::ErrorCode::ALL
            .into_iter()
            .filter(|c| c.http_status() == status)
            .collect();
        let content = &response["content"]["application/problem+json"];
        assert_eq!(
            content["schema"]["$ref"],
            "#/components/schemas/HiringProblem"
        );
        for code in &codes {
            let example = &content["examples"][code.as_str()]["value"];
            assert_eq!(example["code"], code.as_str());
            assert!(validator("HiringProblem").is_valid(example), "{code}");
        }
        let senders = codes.iter().filter(|c| c.sends_retry_after()).count();
        let header = &response["headers"]["Retry-After"];
        match senders {
            0 => assert!(header.is_null(), "{status}"),
            n if n == codes.len() => assert_eq!(header["required"], true, "{status}"),
            _ => assert_eq!(
                header["$ref"], "#/components/headers/RetryAfter",
                "{status}"
            ),
        }
    }
    assert!(document["webhooks"]["meetbotJobFailed"]["post"].is_object());
}

/// A bot's history and its verdict, as the library writes them (and `error-taxonomy bot --json`),
/// hold to `$defs/RecallBotHistory`; a history with a wrong type does not.
#[test]
fn every_history_s_answer_holds_to_its_schema() {
    let history = validator("RecallBotHistory");
    let dir = root().join("tests/data/history");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("histories") {
        let path = entry.expect("entry").path();
        let name = path.to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".logs.json") {
            continue;
        }
        let body = std::fs::read(&path).expect("history");
        let logs = std::fs::read(name.replace(".json", ".logs.json")).ok();
        let read =
            error_taxonomy::recall::History::from_json(&body, logs.as_deref()).expect("read");
        let mut answer = serde_json::to_value(&read).expect("history");
        answer["verdict"] = serde_json::to_value(read.verdict()).expect("verdict");
        let errors: Vec<String> = history
            .iter_errors(&answer)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        answer["verdict"]["billed"] = json!(true);
        assert!(!history.is_valid(&answer), "{name}");
        checked += 1;
    }
    assert!(checked > 0);
}
