from django.db import migrations


def load_default_taxonomy(apps, schema_editor):
    from mentormesh.community.taxonomy import DEFAULT_TRACKS

    Track = apps.get_model("community", "Track")
    Skill = apps.get_model("community", "Skill")
    if Track.objects.exists():
        return
    for position, spec in enumerate(DEFAULT_TRACKS):
        track = Track.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            hashtag=spec["hashtag"],
            color=spec["color"],
            description=spec["description"],
            position=position,
        )
        for skill_position, (slug, name) in enumerate(spec["skills"]):
            Skill.objects.create(track=track, slug=slug, name=name, position=skill_position)


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(load_default_taxonomy, migrations.RunPython.noop)]
