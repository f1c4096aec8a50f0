--liquibase formatted sql

--changeset lightbox:012-predictions
-- Labels a user's model predicted for their photos, highest confidence first: [{label, confidence}].
create table photo_predictions (
    photo_id   uuid        not null references photos (id) on delete cascade,
    model_id   uuid        not null references models (id) on delete cascade,
    owner_id   uuid        not null,
    version    integer     not null,
    top_label  varchar(40) not null,
    labels     jsonb       not null,
    created_at timestamptz not null,
    primary key (photo_id, model_id)
);
-- the library filtered by the top predicted label of the active model
create index photo_predictions_owner_label_idx on photo_predictions (owner_id, model_id, top_label);
