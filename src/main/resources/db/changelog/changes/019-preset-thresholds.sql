--liquibase formatted sql

--changeset lightbox:019-preset-thresholds
-- Presets that fail an obviously blurred photo (sharpness under 0.1) and weigh blur-sensitive attributes
-- (sharpness, BRISQUE) above the texture-confused noise estimate. Configs still as the presets created them
-- get the new weights and thresholds; configs a user changed are left alone. The stored scores of owners
-- whose active config changes are dropped: startup re-scores libraries without scores (ScoringService).
delete from photo_scores where owner_id in (select owner_id from scoring_configs where active and ((name = 'Balanced' and weights = '{"sharpness":1.0,"exposure":0.8,"brightness":0.4,"shadowClipping":0.4,"highlightClipping":0.5,"contrast":0.4,"colorfulness":0.3,"noise":0.4,"brisque":0.5,"thirds":0.3,"horizonTilt":0.3}'::jsonb
  and thresholds->>'minSharpness' is null and coalesce((thresholds->>'exposureOk')::boolean, false) = false
  and coalesce((thresholds->>'facesRequired')::boolean, false) = false and thresholds->>'maxNoise' is null) or (name = 'Portrait' and weights = '{"faces":1.0,"sharpness":0.8,"exposure":0.8,"highlightClipping":0.5,"noise":0.4,"brisque":0.3}'::jsonb
  and thresholds->>'minSharpness' is null and coalesce((thresholds->>'exposureOk')::boolean, false) = false
  and coalesce((thresholds->>'facesRequired')::boolean, false) = true and thresholds->>'maxNoise' is null) or (name = 'Landscape' and weights = '{"horizonTilt":1.0,"thirds":0.8,"colorfulness":0.6,"contrast":0.5,"sharpness":0.7,"highlightClipping":0.5,"saturation":0.3}'::jsonb
  and thresholds->>'minSharpness' is null and coalesce((thresholds->>'exposureOk')::boolean, false) = false
  and coalesce((thresholds->>'facesRequired')::boolean, false) = false and thresholds->>'maxNoise' is null)));
update scoring_configs set weights = '{"sharpness":1.0,"brisque":0.8,"exposure":0.6,"highlightClipping":0.4,"shadowClipping":0.3,"brightness":0.2,"contrast":0.3,"colorfulness":0.2,"noise":0.2,"thirds":0.2,"horizonTilt":0.2}'::jsonb, thresholds = '{"minSharpness":0.1,"exposureOk":false,"facesRequired":false,"maxNoise":null}'::jsonb
where name = 'Balanced' and weights = '{"sharpness":1.0,"exposure":0.8,"brightness":0.4,"shadowClipping":0.4,"highlightClipping":0.5,"contrast":0.4,"colorfulness":0.3,"noise":0.4,"brisque":0.5,"thirds":0.3,"horizonTilt":0.3}'::jsonb
  and thresholds->>'minSharpness' is null and coalesce((thresholds->>'exposureOk')::boolean, false) = false
  and coalesce((thresholds->>'facesRequired')::boolean, false) = false and thresholds->>'maxNoise' is null;
update scoring_configs set weights = '{"faces":1.0,"sharpness":0.9,"brisque":0.8,"exposure":0.8,"highlightClipping":0.5,"noise":0.2}'::jsonb, thresholds = '{"minSharpness":0.1,"exposureOk":false,"facesRequired":true,"maxNoise":null}'::jsonb
where name = 'Portrait' and weights = '{"faces":1.0,"sharpness":0.8,"exposure":0.8,"highlightClipping":0.5,"noise":0.4,"brisque":0.3}'::jsonb
  and thresholds->>'minSharpness' is null and coalesce((thresholds->>'exposureOk')::boolean, false) = false
  and coalesce((thresholds->>'facesRequired')::boolean, false) = true and thresholds->>'maxNoise' is null;
update scoring_configs set weights = '{"sharpness":1.0,"brisque":0.7,"horizonTilt":0.6,"thirds":0.5,"colorfulness":0.5,"contrast":0.4,"highlightClipping":0.5,"saturation":0.2}'::jsonb, thresholds = '{"minSharpness":0.1,"exposureOk":false,"facesRequired":false,"maxNoise":null}'::jsonb
where name = 'Landscape' and weights = '{"horizonTilt":1.0,"thirds":0.8,"colorfulness":0.6,"contrast":0.5,"sharpness":0.7,"highlightClipping":0.5,"saturation":0.3}'::jsonb
  and thresholds->>'minSharpness' is null and coalesce((thresholds->>'exposureOk')::boolean, false) = false
  and coalesce((thresholds->>'facesRequired')::boolean, false) = false and thresholds->>'maxNoise' is null;
