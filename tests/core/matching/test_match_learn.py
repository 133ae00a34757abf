import io
import json

from match_helpers import org, project

from samverkan.core.matching import jsonl, learn
from samverkan.core.matching.__main__ import run_recommend
from samverkan.core.matching.metrics import query_metrics
from samverkan.core.matching.model import PastProject
from samverkan.core.matching.ranker import Ranker


def regional_catalogue():
    """Projects always team up organisations of one county: region should be learned."""
    orgs = []
    for r in range(4):
        for i in range(8):
            pid = f"r{r}p{i // 2}"  # 4 projects per county, two members each ...
            extra = f"r{r}p{(i // 2 + 1) % 4}"  # ... plus one more, so histories overlap
            orgs.append(
                org(
                    f"o{r}{i}",
                    name=f"Org {r}{i}",
                    kind=["SME", "University"][i % 2],
                    nuts3_code=f"SE{r}01",
                    nuts2_code=f"SE{r}0",
                    past_projects=(project(pid), project(extra)) if i % 3 else (project(pid),),
                )
            )
    return orgs


def test_lopo_learns_the_planted_signal_and_beats_chance():
    orgs = regional_catalogue()
    examples = learn.lopo_examples(orgs, learn.QueryStyle())
    assert examples and all(e.y.sum() >= 1 for e in examples)
    ranker = learn.fit(examples, C=0.1)
    assert ranker.weights["same_nuts3"] > 0.5
    cv = learn.cross_validate(examples, C=0.1, folds=3)
    assert cv["recall@10"] > 0.8  # chance is about 10 / 31


def test_held_out_project_is_stripped_from_profiles():
    o = org(
        "a",
        description='Did "Blue Growth" (partner; RSO2.5 Water.) and "Other" (lead).',
        sectors=("water",),
        past_projects=(PastProject("p1", "Blue Growth"),),
    )
    stripped = learn.without_projects(o, {"p1"}, ["Blue Growth"])
    assert "Blue Growth" not in stripped.description and "Other" in stripped.description
    assert stripped.past_projects == () and stripped.sectors == ()


def test_ranker_round_trips_through_json():
    r = Ranker({"text": 1.5, "cold": -0.2}, 0.3, {"C": 0.1})
    back = Ranker.from_json(r.to_json())
    assert back.weights == r.weights and back.bias == 0.3 and back.meta == {"C": 0.1}


def test_metrics_match_the_shared_definitions():
    m = query_metrics(["x", "a", "y", "b"], ["a", "b", "c"])
    assert m["recall@10"] == 2 / 3 and m["mrr"] == 0.5
    assert 0 < m["ndcg@10"] < 1


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_command_prints_one_line_per_query_without_the_seeker(tmp_path):
    cat = [
        {
            "id": f"se-{i}",
            "name": f"Org {i}",
            "kind": "SME",
            "country": "SE",
            "region": {"nuts3_code": f"SE{i % 3}", "nuts3": f"County {i % 3}"},
            "offers": ["fibre sensors"] if i == 3 else ["catering"],
            "past_projects": [{"id": "p1", "name": "P1", "programme": "AURORA"}] if i < 2 else [],
        }
        for i in range(6)
    ]
    queries = [
        {
            "id": "q1",
            "org_id": "se-0",
            "need": "fibre sensors",
            "programme": "AURORA",
            "target_region_codes": ["SE1"],
        },
        {"id": "q2", "org_id": "se-3", "need": "catering"},
    ]
    write_jsonl(tmp_path / "c.jsonl", cat)
    write_jsonl(tmp_path / "q.jsonl", queries)
    out, err = io.StringIO(), io.StringIO()
    run_recommend(str(tmp_path / "c.jsonl"), str(tmp_path / "q.jsonl"), k=3, out=out, err=err)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["query_id"] for x in lines] == ["q1", "q2"]
    assert all(len(x["results"]) == 3 for x in lines)
    assert "se-0" not in lines[0]["results"] and "se-3" not in lines[1]["results"]
    assert err.getvalue().startswith("load_s=")

    learned = io.StringIO()
    run_recommend(
        str(tmp_path / "c.jsonl"),
        str(tmp_path / "q.jsonl"),
        k=3,
        learn_weights=True,
        out=learned,
        err=io.StringIO(),
    )
    lines = [json.loads(x) for x in learned.getvalue().splitlines()]
    assert len(lines) == 2 and "se-0" not in lines[0]["results"]


def test_jsonl_adapter_maps_regions_projects_and_query_style():
    rec = {
        "id": "se-1",
        "name": "X",
        "region": {
            "nuts3": "Uppsala län",
            "nuts3_code": "SE121",
            "nuts2": "Östra Mellansverige",
            "nuts2_code": "SE12",
        },
        "description": 'Did "P" (partner, AURORA; RSO1.1 Research and innovation.)',
        "past_projects": [{"id": "p1", "name": "P", "programme": "AURORA"}],
    }
    o = jsonl.organisation(rec)
    assert (o.nuts3_code, o.nuts2_code) == ("SE121", "SE12")
    assert o.region_names == ("Uppsala län", "Östra Mellansverige")
    assert o.past_projects[0].programme == "AURORA"
    q = jsonl.query(
        {
            "id": "q",
            "org_id": "se-1",
            "title": "T",
            "programme": "AURORA",
            "need": "Project idea: T. Interreg Aurora: the north. Specific objective "
            "RSO2.4: Climate adaptation.",
            "target_region_codes": ["SE332"],
        }
    )
    style = jsonl.query_style([q], [o])
    assert style.programme_regions["aurora"] == ("SE332",)
    assert style.programme_context["aurora"] == "Interreg Aurora: the north."
    assert style.objective_texts["rso2.4"] == "Climate adaptation."
    assert style.objective_texts["rso1.1"] == "Research and innovation."
