"""`kit release DIR`: the learner edition, without anything that holds an answer."""

def add_arguments(parser) -> None:
    parser.add_argument("target", metavar="DIR", help="an empty or new folder")


def run(args) -> int:
    from pathlib import Path

    from kit.config import repo_root
    from kit.release import release

    written = release(repo_root(), Path(args.target))
    print(f"wrote the learner edition to {written}")
    return 0
