//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of every open-data endpoint.
//! A test checks that every route of the API router is described here.
use axum::Json;
use serde_json::{json, Value};

pub async fn show() -> Json<Value> {
    Json(document())
}

fn param(name: &str, description: &str, schema: Value, required: bool) -> Value {
    json!({ "name": name, "in": "query", "required": required, "description": description, "schema": schema })
}

/// The years the server reads: 0001–9999, four digits.
const YEAR: &str = "([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])";

/// A calendar day, `YYYY-MM-DD` (RFC 3339 full-date, year 0001 or later).
fn date_schema() -> Value {
    json!({ "type": "string", "format": "date", "pattern": format!("^{YEAR}-[0-9]{{2}}-[0-9]{{2}}$") })
}

/// A month, `YYYY-MM`.
fn month_schema() -> Value {
    json!({ "type": "string", "pattern": format!("^{YEAR}-(0[1-9]|1[0-2])$") })
}

fn format_param() -> Value {
    param(
        "format",
        "Response format.",
        json!({ "type": "string", "enum": ["json", "csv"], "default": "json" }),
        false,
    )
}

fn errors() -> Value {
    json!({
        "400": { "description": "A parameter is invalid or repeated; the message names it, in the requester's language (Accept-Language or the tx_lang cookie).", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "Nothing published for what was asked.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
    })
}

fn ok(schema: &str, csv: &str) -> Value {
    json!({
        "description": "OK",
        "content": {
            "application/json": { "schema": { "$ref": format!("#/components/schemas/{schema}") } },
            "text/csv": { "schema": { "type": "string" }, "example": csv }
        }
    })
}

fn with_errors(success: Value) -> Value {
    let mut responses = errors();
    responses["200"] = success;
    responses
}

fn edition_op(summary: &str, period_param: Value, csv: &str) -> Value {
    json!({
        "get": {
            "summary": summary,
            "tags": ["index"],
            "parameters": [
                period_param,
                param("level", "Which areas to list.", json!({ "type": "string", "enum": ["street", "district", "city"], "default": "street" }), false),
                format_param()
            ],
            "responses": with_errors(ok("Edition", csv))
        }
    })
}

pub fn document() -> Value {
    let nullable_number = json!({ "type": ["number", "null"] });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "同心 Tongxin open data",
            "version": "1",
            "description": "Areas, the 平安+ index methodology and its published scores. Scores are full precision; pages show one decimal. Every score records the methodology version that produced it."
        },
        "servers": [{ "url": "/api/v1" }],
        "paths": {
            "/areas": {
                "get": {
                    "summary": "Every area (city, districts, streets, communities).",
                    "tags": ["areas"],
                    "parameters": [
                        param("level", "Only areas of this level.", json!({ "type": "string", "enum": ["city", "district", "street", "community"] }), false),
                        format_param()
                    ],
                    "responses": with_errors(json!({
                        "description": "OK. The CSV has the columns `tongxin import areas` reads.",
                        "content": {
                            "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Area" } } },
                            "text/csv": { "schema": { "type": "string" } }
                        }
                    }))
                }
            },
            "/methodology": {
                "get": {
                    "summary": "The index methodology in force: dimensions and indicators with goalposts and weights.",
                    "tags": ["index"],
                    "parameters": [format_param()],
                    "responses": with_errors(ok("Methodology", "kind,code,name_zh,name_en,dimension,frequency,unit,best,worst,weight"))
                }
            },
            "/index/daily": edition_op(
                "The daily edition for one day: every area of a level with score, grade, coverage, rank, dimension scores and warning flag.",
                param("date", "The day (YYYY-MM-DD). Default: the latest published day.", date_schema(), false),
                "period,methodology_version,area_code,name_zh,name_en,score,grade,coverage,rank,warning,<dimension codes…>"
            ),
            "/index/monthly": edition_op(
                "The monthly edition for one month (all 14 dimensions).",
                param("month", "The month (YYYY-MM). Default: the latest month with monthly data.", month_schema(), false),
                "period,methodology_version,area_code,name_zh,name_en,score,grade,coverage,rank,warning,<dimension codes…>"
            ),
            "/index/series": {
                "get": {
                    "summary": "An area's scores over time.",
                    "tags": ["index"],
                    "parameters": [
                        param("area", "Area code of a street, district or the city.", json!({ "type": "string", "pattern": "^[0-9]{6}([0-9]{3})?$", "examples": ["449900", "449902002"] }), true),
                        param("edition", "Which edition.", json!({ "type": "string", "enum": ["daily", "monthly"], "default": "daily" }), false),
                        param("from", "First period, inclusive: a day or a month (a daily series starts on the month's first day, a monthly one in the day's month). Default: 30 days or 12 months before `to`. A series holds at most 3 700 periods, ending at `to`; the body's `from` says where it starts. After `to`: no points.", json!({ "anyOf": [date_schema(), month_schema()] }), false),
                        param("to", "Last period, inclusive: a day or a month (a daily series ends on the month's last day). Default: the latest published.", json!({ "anyOf": [date_schema(), month_schema()] }), false),
                        format_param()
                    ],
                    "responses": with_errors(ok("Series", "period,methodology_version,area_code,score,grade,coverage,warning,<dimension codes…>"))
                }
            },
            "/openapi.json": {
                "get": {
                    "summary": "This document.",
                    "tags": ["meta"],
                    "responses": { "200": { "description": "OpenAPI 3.1", "content": { "application/json": {} } } }
                }
            }
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": { "error": { "type": "object", "required": ["code", "message"], "properties": {
                        "code": { "type": "string", "description": "Stable, for programs: bad_parameter, no_scores, unknown_area, no_methodology, internal." },
                        "message": { "type": "string", "description": "For people, in zh-CN or en." }
                    } } }
                },
                "Area": {
                    "type": "object",
                    "required": ["code", "level", "name_zh", "name_en", "population"],
                    "properties": {
                        "code": { "type": "string" },
                        "parent_code": { "type": ["string", "null"] },
                        "level": { "type": "string", "enum": ["city", "district", "street", "community"] },
                        "name_zh": { "type": "string" },
                        "name_en": { "type": "string" },
                        "population": { "type": "integer", "minimum": 0 }
                    }
                },
                "Methodology": {
                    "type": "object",
                    "required": ["version", "dimensions", "indicators"],
                    "properties": {
                        "version": { "type": "string" },
                        "dimensions": { "type": "array", "items": { "type": "object", "properties": {
                            "code": { "type": "string" }, "name_zh": { "type": "string" }, "name_en": { "type": "string" }, "weight": { "type": "number" }
                        } } },
                        "indicators": { "type": "array", "items": { "type": "object", "properties": {
                            "code": { "type": "string" }, "name_zh": { "type": "string" }, "name_en": { "type": "string" },
                            "dimension": { "type": "string" },
                            "frequency": { "type": "string", "enum": ["daily", "monthly"] },
                            "unit": { "type": "string", "enum": ["rate", "value"], "description": "rate: count per 10 000 residents per day; value: as given." },
                            "best": { "type": "number" }, "worst": { "type": "number" }, "weight": { "type": "number" },
                            "source_zh": { "type": "string" }, "source_en": { "type": "string" }
                        } } }
                    }
                },
                "Grade": { "type": ["string", "null"], "enum": ["excellent", "good", "steady", "poor", null], "description": "≥ 90 优秀 excellent, ≥ 80 良好 good, ≥ 70 平稳 steady, else 较差 poor; null without a score." },
                "Dimensions": { "type": "object", "additionalProperties": nullable_number, "description": "Dimension code → score (0–100), null without data." },
                "Edition": {
                    "type": "object",
                    "required": ["edition", "period", "level", "methodology_version", "areas"],
                    "properties": {
                        "edition": { "type": "string", "enum": ["daily", "monthly"] },
                        "period": { "type": "string" },
                        "level": { "type": "string", "enum": ["street", "district", "city"] },
                        "methodology_version": { "type": "string" },
                        "areas": { "type": "array", "items": { "type": "object",
                            "required": ["area_code", "score", "grade", "coverage", "rank", "dimensions", "warning"],
                            "properties": {
                                "area_code": { "type": "string" },
                                "name_zh": { "type": "string" },
                                "name_en": { "type": "string" },
                                "parent_code": { "type": ["string", "null"] },
                                "score": { "type": ["number", "null"], "description": "null when coverage < 0.5 (数据不足)." },
                                "grade": { "$ref": "#/components/schemas/Grade" },
                                "coverage": { "type": "number", "minimum": 0, "maximum": 1 },
                                "rank": { "type": ["integer", "null"], "description": "1 = best among the level's areas; ties share a rank; null without a score." },
                                "dimensions": { "$ref": "#/components/schemas/Dimensions" },
                                "warning": { "type": "boolean", "description": "预警: index < 70, ≥ 10 below the trailing 28-day mean, or a dimension < 60." }
                            } } }
                    }
                },
                "Series": {
                    "type": "object",
                    "required": ["area_code", "edition", "from", "to", "points"],
                    "properties": {
                        "area_code": { "type": "string" },
                        "edition": { "type": "string", "enum": ["daily", "monthly"] },
                        "from": { "type": "string" },
                        "to": { "type": "string" },
                        "points": { "type": "array", "items": { "type": "object", "properties": {
                            "period": { "type": "string" },
                            "methodology_version": { "type": "string" },
                            "score": nullable_number,
                            "grade": { "$ref": "#/components/schemas/Grade" },
                            "coverage": { "type": "number" },
                            "dimensions": { "$ref": "#/components/schemas/Dimensions" },
                            "warning": { "type": "boolean" }
                        } } }
                    }
                }
            }
        }
    })
}

/// The paths the router serves under `/api/v1`, for the completeness test.
pub const PATHS: [&str; 6] =
    ["/areas", "/methodology", "/index/daily", "/index/monthly", "/index/series", "/openapi.json"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_described_and_every_reference_resolves() {
        let doc = document();
        let paths = doc["paths"].as_object().expect("paths");
        assert_eq!(paths.len(), PATHS.len());
        for p in PATHS {
            assert!(paths.contains_key(p), "{p} missing");
        }
        let text = doc.to_string();
        for (i, _) in text.match_indices("#/components/schemas/") {
            let name: String = text[i + 21..].chars().take_while(|c| c.is_alphanumeric()).collect();
            assert!(doc["components"]["schemas"].get(&name).is_some(), "{name} unresolved");
        }
    }
}
